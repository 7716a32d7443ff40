// `flowc compile`: renders the selected nodes to target/compiled/<project>/… and writes the
// manifest; `--inline "<sql>"` compiles one snippet against the project and prints it.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcTemplate
import Foundation

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Compile the selected nodes to SQL in target/compiled.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var state: StateOptions

    @Option(help: "Compile this SQL (with Jinja) against the project and print it.")
    var inline: String?

    @Flag(help: "Compile refs and sources to read no rows, as run --empty builds them.")
    var empty = false

    func run() throws {
        let clock = ContinuousClock.now
        var inv = try Invocation.load(project)
        try inv.loadState(state, selection: selection)
        inv.build.setup.emptyRelations = empty
        if let inline {
            print(try compileInline(inline, inv))
            return
        }
        // seeds have no SQL to compile; dbt writes no compiled file for them
        let ids = try inv.selected(selection, resourceTypes: ["model", "test", "snapshot", "analysis"])
            .filter { inv.build.manifest.nodes[$0] != nil }
        // compile opens no connection, so it cannot tell which parents the current target
        // has: with --defer every unselected parent resolves to the state's relation
        inv.applyDefer(state, selected: ids, exists: { _ in false })
        PhaseTimings.mark("select")
        let result = Compiler.compile(inv.build, nodes: ids, threads: inv.workThreads)
        PhaseTimings.mark("compile: render")
        if !result.diagnostics.isEmpty {
            Output.diagnostics(result.diagnostics, root: inv.project.root, errorsOnly: false)
        }
        try Files.writeAll(result.nodes.values.map { (inv.path($0.compiledPath), $0.sql) }, threads: inv.workThreads)
        let written = result.nodes.count
        PhaseTimings.mark("compile: write files")
        // lineage and the static checks read the models' own SQL, as `run --empty` checks it
        inv.build.setup.emptyRelations = false
        let lineage = try LineageStage.compute(inv, compiled: empty ? [:] : result.nodes, report: Set(ids))
        try Artifacts.writeManifest(inv, compiled: result.nodes, lineage: lineage.lineage)
        PhaseTimings.mark("manifest: write")
        if !project.quiet {
            Output.plain(Summary.found(inv.build.manifest))
            Output.plain("Traced " + lineage.timing)
            Output.plain("Compiled \(written) node\(written == 1 ? "" : "s") in \(Summary.seconds(clock))")
        }
        Teardown.keep(inv, result, lineage)
        if !result.diagnostics.filter(\.isError).isEmpty { throw ExitCode(1) }
        try lineage.failIfErrors(inv)
    }

    func compileInline(_ sql: String, _ inv: Invocation) throws -> String {
        var inv = inv
        let id = try inv.addInlineNode(sql)
        let result = Compiler.compile(inv.build, nodes: [id], threads: 1)
        if let d = result.diagnostics.first {
            Output.diagnostics([d], root: inv.project.root, errorsOnly: false)
            throw ExitCode(1)
        }
        return result.nodes[id]?.sql ?? ""
    }
}

// `flowc compile`: renders the selected nodes to target/compiled/<project>/… and writes the
// manifest; `--inline "<sql>"` compiles one snippet against the project and prints it.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcTemplate
import FlowcWarehouse
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

    @Flag(name: .customLong("full-refresh"), help: "Compile incremental models as their full build (is_incremental() false).")
    var fullRefresh = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "How the SQL of a node picked by name (or of --inline) is printed: text (default) or json.")
    var output: OutputFormat = .text

    func run() throws {
        let clock = ContinuousClock.now
        let startedAt = Date().timeIntervalSince1970
        var inv = try Invocation.load(project)
        try inv.loadState(state, selection: selection)
        inv.build.setup.emptyRelations = empty
        inv.build.setup.fullRefresh = fullRefresh
        var recorded = RunArgs.record(inv, which: "compile", nil, state, selection, empty: empty)
        recorded["output"] = .string(output.rawValue)
        RunArgs.expose(recorded, in: &inv)
        // run_results.json's args are dbt's invocation args, as templates see them
        let args = inv.build.setup.invocationArgs
        if let inline {
            let sql = try compileInline(inline, inv)
            if output == .json {
                print(JSONWriter.string(.object(JSONObject([("compiled", .string(sql))])), indent: 2))
            } else {
                // dbt's heading, unless --quiet (which prints the SQL alone, for pipes)
                if !project.quiet { print("Compiled inline node is:") }
                print(sql)
            }
            return
        }
        // seeds have no SQL to compile; dbt writes no compiled file for them, only a result
        // one lookup per selected id: three were a visible share of selecting on large projects
        var found: (all: [String], seeds: [String], others: [String]) = ([], [], [])
        for id in try inv.selected(selection, resourceTypes: ["model", "test", "snapshot", "analysis", "seed"]) {
            guard let type = inv.build.manifest.nodes[id]?.resourceType else { continue }
            found.all.append(id)
            if type == .seed { found.seeds.append(id) } else { found.others.append(id) }
        }
        let (selected, seeds, ids) = found
        inv.build.setup.selectedResources = selected
        // compile opens no connection, so it cannot tell which parents the current target
        // has: with --defer every unselected parent resolves to the state's relation
        inv.applyDefer(state, selected: ids, exists: { _ in false })
        PhaseTimings.mark("select")
        // is_incremental() is true for a model whose table exists, as dbt's compile finds out
        let asks = WarehouseFactory.mayHoldRelations(inv.target, projectRoot: inv.project.root)
        var result = Compiler.compile(inv.build, nodes: ids, threads: inv.workThreads, incrementalAsksWarehouse: asks)
        LiveRecompile.complete(&result, ids: ids, inv, empty: empty)
        let hooks = CompileHooks.selected(inv, selection)
        CompileHooks.compile(hooks, into: &result, inv, empty: empty)
        // the parse-time renders compiling reused are not needed again: freed before the
        // manifest is written, when memory peaks (20 MB on 10,000 models)
        inv.build.parseRenders = [:]
        PhaseTimings.mark("compile: render")
        let warnedAsErrors = Output.renderMessages(result.messages, quiet: project.quiet, warnError: inv.warnErrors.promotes(nil))
        if !result.diagnostics.isEmpty {
            Output.diagnostics(result.diagnostics, root: inv.project.root, errorsOnly: false)
        }
        // The SQL files and run_results.json are made and written on a thread of their own while
        // lineage is traced, and lineage.json while the manifest is: each of these phases leaves
        // one of two cores idle part of the time.
        let threads = inv.workThreads
        let invocationId = inv.invocationId, root = inv.project.root
        let resultsPath = inv.path(inv.project.config.targetPath + "/run_results.json")
        let (manifest, dialect, compiled) = (inv.build.manifest, inv.build.setup.dialect, result)
        let writingFiles = Background.start {
            let files = (Array(compiled.nodes.values) + Array(compiled.ephemeralAncestors.values))
                .filter { (manifest.nodes[$0.uniqueId] ?? manifest.operations[$0.uniqueId])?.writesCompiledFile(sql: $0.sql) != false }
                .map { (path: Invocation.path($0.compiledPath, root: root), text: $0.sql) }
            // the results are written even when a compiled file could not be
            var filesError: Error?
            do { try Files.writeAll(files, threads: threads) } catch { filesError = error }
            let outcome = CompileResults.outcome(compiled, compiled: ids + hooks, seeds: seeds, manifest: manifest, dialect: dialect,
                                                 startedAt: startedAt)
            try RunResultsFile.write(outcome, invocationId: invocationId, command: "compile", args: args, to: resultsPath)
            if let filesError { throw filesError }
        }
        let written = result.nodes.count
        // lineage and the static checks read the models' own SQL, as `run --empty` checks it
        inv.build.setup.emptyRelations = false
        let lineage: LineageStage.Outcome
        do {
            let traced = hooks.isEmpty ? result.nodes : result.nodes.filter { !$0.key.hasPrefix("operation.") }
            lineage = try LineageStage.compute(inv, compiled: empty ? [:] : traced, report: Set(ids), background: true)
            do {
                try Artifacts.writeManifest(inv, compiled: result.nodes.merging(result.ephemeralAncestors) { node, _ in node },
                                            lineage: lineage.lineage)
            } catch {
                try? lineage.finishWriting()
                throw error
            }
            try lineage.finishWriting()
        } catch {
            try? writingFiles.join()
            throw error
        }
        try writingFiles.join()
        PhaseTimings.mark("manifest, lineage.json, run_results.json and files: write")
        if !project.quiet {
            Output.plain(Summary.found(inv.build.manifest))
            Output.plain("Traced " + lineage.timing)
            Output.plain("Compiled \(written) node\(written == 1 ? "" : "s") in \(Summary.seconds(clock))")
        }
        showPicked(result, inv)
        Teardown.keep(inv, result, lineage)
        // dbt's compile stops at a node that fails to compile ("Encountered an error", exit 2);
        // flowc compiles the rest first, so every error is shown, and exits as dbt does
        if warnedAsErrors || !result.diagnostics.filter(\.isError).isEmpty { throw ExitCode(2) }
        try lineage.failIfErrors(inv)
    }

    /// dbt's interactive compile: the SQL of each compiled node whose name is part of the first
    /// --select argument (`-s orders` shows orders, `-s +orders` shows orders but not its
    /// parents), after a heading unless --quiet.
    func showPicked(_ result: CompileResult, _ inv: Invocation) {
        guard let first = selection.select.first else { return }
        for id in result.nodes.keys.sorted() {
            guard let node = inv.build.manifest.nodes[id], first.contains(node.name), let sql = result.nodes[id]?.sql else { continue }
            if output == .json {
                print(JSONWriter.string(.object(JSONObject([("node", .string(node.name)), ("compiled", .string(sql))])), indent: 2))
            } else {
                if !project.quiet { print("Compiled node '\(node.name)' is:") }
                print(sql)
            }
        }
    }

    func compileInline(_ sql: String, _ inv: Invocation) throws -> String {
        var inv = inv
        let id = try inv.addInlineNode(sql)
        var result = Compiler.compile(inv.build, nodes: [id], threads: 1)
        LiveRecompile.complete(&result, ids: [id], inv, empty: empty)
        if Output.renderMessages(result.messages, quiet: project.quiet, warnError: inv.warnErrors.promotes(nil)) { throw ExitCode(2) }
        if let d = result.diagnostics.first {
            Output.diagnostics([d], root: inv.project.root, errorsOnly: false)
            throw ExitCode(2)
        }
        return result.nodes[id]?.sql ?? ""
    }
}

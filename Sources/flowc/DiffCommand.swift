// `flowc diff REF`: what the work tree changes compared with a git revision (or a manifest
// directory): nodes added, removed, modified and how, downstream nodes affected, and per
// column whether the change breaks a reader. `--format json` for pull-request bots.
import ArgumentParser
import FlowcGraph
import FlowcState
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what the work tree changes compared with a git revision: models, columns, downstream.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("The revision to compare with: a branch, tag or commit (git:REF works too), or a directory holding a manifest.json.",
                                 valueName: "REF"))
    var ref: String

    @OptionGroup var project: ProjectOptions

    @Option(help: "text (default) or json.")
    var format: Format = .text

    @Flag(name: .customLong("fail-on-breaking"),
          help: "Exit with 1 when a column change breaks a downstream reader (for CI).")
    var failOnBreaking = false

    func run() throws {
        var options = project
        options.quiet = true
        var inv = try Invocation.load(options)
        // a directory with a manifest, else a git revision
        let isDirectory = !ref.hasPrefix("git:") && FileManager.default.fileExists(atPath: inv.path(ref) + "/manifest.json")
            || ref.hasPrefix("/") && FileManager.default.fileExists(atPath: ref + "/manifest.json")
        var stateOptions = try StateOptions.parse([])
        stateOptions.state = isDirectory || ref.hasPrefix("git:") ? ref : "git:" + ref
        try inv.loadState(stateOptions, select: [], exclude: [], selector: nil, traceColumns: true)
        guard let state = inv.state else { throw ExitCode(2) }
        var currentColumns = ColumnFacts.declared(state.current)
        var stateColumns = ColumnFacts.declared(state.state)
        do {
            if case .directory(let dir) = state.source, let lineage = try LineageFile.read(dir.hasPrefix("/") ? dir : inv.path(dir)) {
                stateColumns = stateColumns.merging(ColumnFacts.lineage(lineage))
            }
        } catch let e as StateFileError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        }
        // the lineage traced now (the work tree's own target/lineage.json may be stale), over
        // what YAML declares
        if let traced = state.currentColumns { currentColumns = currentColumns.merging(traced) }
        if let traced = state.stateColumns { stateColumns = stateColumns.merging(traced) }
        let report = ChangeReport.make(state, manifest: inv.build.manifest, currentColumns: currentColumns,
                                       stateColumns: stateColumns)
        switch format {
        case .text: print(report.text)
        case .json: print(JSONWriter.string(report.json, indent: 2))
        }
        if failOnBreaking && report.breakingCount > 0 { throw ExitCode(1) }
    }
}

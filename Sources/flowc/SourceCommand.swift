// `flowc source freshness`: how long ago each source's newest row was loaded, judged against
// its `warn_after` / `error_after`; writes target/sources.json. Exit 1 when a source is past
// error_after or cannot be checked (as dbt), 0 otherwise (warnings included).
import ArgumentParser
import FlowcGraph
import FlowcRun
import FlowcWarehouse
import Foundation

struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Commands about sources.", subcommands: [SourceFreshnessCommand.self])
}

struct SourceFreshnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freshness", abstract: "Check how recently each source was loaded (target/sources.json).")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: [.customShort("o"), .customLong("output")],
            help: "Where to write the results (default: sources.json in the target path), as dbt's.")
    var output: String?

    func run() throws {
        let clock = ContinuousClock.now
        let inv = try Invocation.load(project)
        let ids = try inv.selected(selection, resourceTypes: ["source"])
        let sources = SourceFreshness.checkable(inv.build.manifest, ids: ids)
        let connection: any WarehouseConnection
        do {
            connection = try WarehouseFactory.make(inv.target, projectRoot: inv.project.root).connect()
        } catch {
            Output.error("\(error)", hint: "check the target in profiles.yml (`flowc debug`)")
            throw ExitCode(2)
        }
        defer { connection.close() }
        // as dbt: a source with a threshold and no load time fails (and is left out of sources.json)
        let failing = SourceFreshness.uncheckable(inv.build.manifest, ids: ids)
        let total = sources.count + failing.count
        if total == 0 && !project.quiet {
            Output.plain("No sources to check: give a source `loaded_at_field` and a `freshness` with warn_after or error_after")
        }
        var results: [FreshnessResult] = []
        for (i, s) in sources.enumerated() {
            let r = SourceFreshness.check(s, dialect: inv.build.setup.dialect, connection: connection)
            results.append(r)
            let label = r.status == .runtimeError ? "ERROR" : r.status.rawValue.uppercased()
            let age = r.ageSeconds.map { String(format: ", newest row %.1f hours old", $0 / 3600) } ?? ""
            let line = "\(i + 1) of \(total) \(label) freshness of \(s.sourceName).\(s.name)\(age)"
                + (r.error.map { ": \($0)" } ?? "")
            if r.status == .pass { if !project.quiet { Output.plain(line) } } else { Output.stderr(line) }
        }
        for (i, s) in failing.enumerated() {
            Output.stderr("\(sources.count + i + 1) of \(total) ERROR freshness of \(s.sourceName).\(s.name): "
                          + SourceFreshness.noLoadTime(s, dialect: inv.build.setup.dialect))
        }
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let json = SourceFreshness.json(results, invocationId: inv.invocationId, elapsed: seconds,
                                        environment: ProcessInfo.processInfo.environment)
        try Files.write(JSONWriter.string(json, indent: 2), to: inv.path(output ?? inv.project.config.targetPath + "/sources.json"))
        if !failing.isEmpty || results.contains(where: { $0.status == .error || $0.status == .runtimeError }) { throw ExitCode(1) }
    }
}

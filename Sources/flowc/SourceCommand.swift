// `flowc source freshness`: how long ago each source's newest row was loaded, judged against
// its `warn_after` / `error_after`; writes target/sources.json. Exit 1 when a source is past
// error_after or cannot be checked (as dbt), 0 otherwise (warnings included).
import ArgumentParser
import FlowcGraph
import FlowcRun
import FlowcTemplate
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
        // a collect_freshness of the project's or a package's replaces flowc's query, as in dbt
        let runner: FreshnessMacroRunner?
        if sources.contains(where: { $0.loadedAtQuery == nil }) {
            let options = RunOptions(command: .run, threads: 1, projectRoot: inv.project.root,
                                     targetPath: inv.project.config.targetPath, projectName: inv.project.config.name)
            do {
                runner = try FreshnessMacroRunner.make(context: RunContext(build: inv.build, warehouse: try inv.warehouse(),
                                                                           options: options, which: "freshness"))
            } catch let e as WarehouseError {
                Output.error("\(e)", hint: "check the target in profiles.yml (`flowc debug`)")
                throw ExitCode(2)
            } catch {
                Output.error("cannot set up the project's collect_freshness: \(error)")
                throw ExitCode(2)
            }
        } else {
            runner = nil
        }
        defer { runner?.close() }
        // as dbt: a source with a threshold and no load time fails (and is left out of sources.json)
        let failing = SourceFreshness.uncheckable(inv.build.manifest, ids: ids)
        let total = sources.count + failing.count
        if total == 0 && !project.quiet {
            Output.plain("No sources to check: give a source `loaded_at_field` and a `freshness` with warn_after or error_after")
        }
        let presenter = RunPresenter.make(inv, project)
        presenter.header(inv)
        presenter.line("Concurrency: 1 threads (target='\(inv.target.name)')")
        presenter.line("")
        // dbt 1.11 runs the project's on-run-start and on-run-end hooks around the checks
        // (flag source_freshness_run_project_hooks, true unless the project file turns it off),
        // when there is a source to check
        let hooks = total == 0 ? nil : try hookRunner(inv, presenter: presenter)
        var hooksRun = try hooks.map { try runHooks($0, "on-run-start", results: .list([]), presenter: presenter) } ?? 0
        // in unique-id order, as dbt runs them; each with dbt's START and result lines
        let dialect = inv.build.setup.dialect
        let checked = Set(sources.map(\.uniqueId))
        var results: [FreshnessResult] = []
        var errors: [String] = []
        for (i, s) in (sources + failing).sorted(by: { $0.uniqueId < $1.uniqueId }).enumerated() {
            let prefix = "\(i + 1) of \(total) "
            let what = "freshness of \(s.sourceName).\(s.name)"
            presenter.line(presenter.dotted(prefix, label: "START", color: nil, subject: what, tag: "RUN"))
            let r: FreshnessResult
            if let runner, checked.contains(s.uniqueId), s.loadedAtQuery == nil {
                r = runner.check(s)
            } else if checked.contains(s.uniqueId) {
                r = SourceFreshness.check(s, dialect: dialect, connection: connection)
            } else {
                r = SourceFreshness.unchecked(s, dialect: dialect)
            }
            results.append(r)
            let (label, color) = switch r.status {
            case .pass: ("PASS", "32")
            case .warn: ("WARN", "33")
            case .error: ("ERROR STALE", "31")
            case .runtimeError: ("ERROR", "31")
            }
            let timing = " in " + String(format: "%.2fs", r.completedAt - r.startedAt)
            presenter.line(presenter.dotted(prefix, label: label, color: color, subject: what, tag: label, suffix: timing),
                           always: r.status == .error || r.status == .runtimeError)
            // dbt's summary: a stale source as a failure with its status, an error with its
            // message, indented
            if let e = r.error {
                let kind = checked.contains(s.uniqueId) ? "Database Error" : "Runtime Error"
                let message = e.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                errors.append("  \(kind) in source \(s.name) (\(s.originalFilePath))\n" + message)
            } else if r.status == .error {
                errors.append("Failure in source \(s.name) (\(s.originalFilePath))\n  Status: error")
            }
        }
        if let hooks {
            let values = SourceFreshness.resultValues(results, manifest: inv.build.manifest, dialect: dialect, projectRoot: inv.project.root)
            hooksRun += try runHooks(hooks, "on-run-end", results: values, presenter: presenter)
        }
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if total > 0 {
            presenter.line("")
            let hooksPart = hooksRun > 0 ? "\(hooksRun) project hook\(hooksRun == 1 ? "" : "s"), " : ""
            presenter.finished(hooksPart + "\(total) source\(total == 1 ? "" : "s")", seconds: seconds)
        }
        // the errors, as dbt lists them at the end (error-level: --quiet shows them), then Done.
        for e in errors {
            presenter.line("")
            presenter.line(presenter.paint(e, "31"), always: true)
        }
        presenter.line("Done.")
        let json = SourceFreshness.json(results, invocationId: inv.invocationId, invocationStartedAt: inv.startedAt,
                                        elapsed: seconds, environment: ProcessInfo.processInfo.environment)
        try Files.write(JSONWriter.string(json, indent: 2), to: inv.path(output ?? inv.project.config.targetPath + "/sources.json"))
        // dbt writes the manifest after every command that runs nodes, freshness too
        try Artifacts.writeManifest(inv, compiled: [:])
        if results.contains(where: { $0.status == .error || $0.status == .runtimeError }) { throw ExitCode(1) }
    }

    /// A runner for the project's hooks, connected, when the project (or a package) has any and
    /// does not turn the flag off; nil otherwise (nothing is opened then).
    func hookRunner(_ inv: Invocation, presenter: RunPresenter) throws -> Runner? {
        let config = inv.project.config
        let packageHooks = PackageHooks.of(inv.project)
        let any = !config.onRunStart.isEmpty || !config.onRunEnd.isEmpty
            || packageHooks.contains { !$0.onRunStart.isEmpty || !$0.onRunEnd.isEmpty }
        guard any, config.flags?["source_freshness_run_project_hooks"]?.bool != false else { return nil }
        var options = RunOptions(command: .run, threads: 1, projectRoot: inv.project.root, targetPath: config.targetPath,
                                 projectName: config.name, onRunStart: config.onRunStart, onRunEnd: config.onRunEnd)
        options.packageHooks = packageHooks
        options.queryComment = QueryCommentSetting(config.queryComment)
        let runner = Runner(context: RunContext(build: inv.build, warehouse: try inv.warehouse(), options: options, which: "freshness"),
                            selected: []) { presenter.handle($0) }
        do {
            try runner.connect()
        } catch {
            Output.error("\(error)", hint: "check the target in profiles.yml (`flowc debug`)")
            throw ExitCode(2)
        }
        return runner
    }

    /// Runs the project hooks of one kind and says how many ran; a hook that could not be
    /// rendered ends the command, as in a run.
    func runHooks(_ hooks: Runner, _ kind: String, results: Value, presenter: RunPresenter) throws -> Int {
        let (ran, aborted) = hooks.runProjectHooks(kind, results: results)
        if let aborted {
            presenter.line(presenter.paint("Encountered an error:\n" + aborted.message, "31"), always: true)
            throw ExitCode(2)
        }
        return ran.count
    }
}

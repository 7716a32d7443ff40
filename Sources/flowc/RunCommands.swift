// `flowc seed | run | test | build`: load the project, select nodes, open the warehouse, run
// the DAG, write target/run_results.json and the manifest, and exit 0 (all good), 1 (a node
// errored or a test failed) or 2 (flowc could not run: bad project, no connection, Ctrl-C).
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcWarehouse
import Foundation

struct RunFlags: ParsableArguments {
    @Flag(name: .customLong("full-refresh"), help: "Rebuild incremental models and seeds from scratch.")
    var fullRefresh = false

    @Flag(name: [.customShort("x"), .customLong("fail-fast")], help: "Stop at the first failure.")
    var failFast = false

    @Flag(name: .customLong("store-failures"), help: "Store the failing rows of every test in the audit schema.")
    var storeFailures = false

    @Flag(name: .customLong("timing"), help: "Print where the time went: in the database and in flowc itself.")
    var timing = false

    @Option(name: .customLong("log-format"), help: "text (default) or json (one JSON event per line).")
    var logFormat: String = "text"
}

/// `--empty`, for run, build and snapshot (as dbt): a test reading no rows would always pass,
/// and a snapshot that closes missing rows would close every current one.
struct EmptyFlag: ParsableArguments {
    @Flag(help: "Refs and sources read no rows: models and snapshots are built with their columns but no data from them (seeds load; a snapshot with hard_deletes invalidate/new_record is not run).")
    var empty = false
}

/// `--event-time-start/--event-time-end`, for run and build: the window microbatch models
/// rebuild, both or neither, as dbt requires.
struct EventTimeOptions: ParsableArguments {
    @Option(name: .customLong("event-time-start"), help: "With --event-time-end: microbatch models rebuild the batches from this time (ISO, UTC).")
    var start: String?

    @Option(name: .customLong("event-time-end"), help: "With --event-time-start: microbatch models rebuild the batches up to this time (ISO, UTC).")
    var end: String?

    @Option(help: "dbt's sample mode: models read only recent rows of inputs that have an event_time: '3 days', or '{\"start\": \"2024-07-01\", \"end\": \"2024-07-08\"}'.")
    var sample: String?

    func window() throws -> (start: Date?, end: Date?) {
        guard start != nil || end != nil else { return (nil, nil) }
        guard let start else {
            throw ValidationError("The flag `--event-time-end` was specified, but `--event-time-start` was not. "
                                  + "When specifying `--event-time-end`, `--event-time-start` must also be present.")
        }
        guard let end else {
            throw ValidationError("The flag `--event-time-start` was specified, but `--event-time-end` was not. "
                                  + "When specifying `--event-time-start`, `--event-time-end` must also be present.")
        }
        guard let s = MicrobatchConfig.parseTimestamp(start) else { throw ValidationError("--event-time-start '\(start)' is not an ISO date or time") }
        guard let e = MicrobatchConfig.parseTimestamp(end) else { throw ValidationError("--event-time-end '\(end)' is not an ISO date or time") }
        guard s < e else { throw ValidationError("Value for `--event-time-start` must be less than `--event-time-end`") }
        return (s, e)
    }

    func validate() throws {
        _ = try window()
        if let sample, case .failure(let e) = SampleMode.window(sample, now: Date()) { throw ValidationError(e.message) }
    }
}

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Load the CSV seeds into the warehouse.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var state: StateOptions
    @Flag(help: "After loading, print a random sample (up to 10 rows) of each seed's table, as dbt's seed --show.")
    var show = false
    func run() throws {
        try RunDriver.execute(.seed, project, flags, state, selection: selection, showSeeds: show) { inv in
            try inv.loadState(state, selection: selection)
            return try RunDriver.selectForCommand(inv, selection, command: .seed)
        }
    }
}

struct RunModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Build the selected models in DAG order.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var empty: EmptyFlag
    @OptionGroup var eventTime: EventTimeOptions
    @OptionGroup var state: StateOptions
    func run() throws { try RunDriver.execute(.run, project, selection, flags, state, empty: empty.empty, eventTime: try eventTime.window(), sample: eventTime.sample) }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run the data tests.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var state: StateOptions
    func run() throws { try RunDriver.execute(.test, project, selection, flags, state) }
}

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshot",
                                                    abstract: "Run the snapshots (type-2 history of changing rows).")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var state: StateOptions
    @OptionGroup var empty: EmptyFlag
    func run() throws { try RunDriver.execute(.snapshot, project, selection, flags, state, empty: empty.empty) }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Seeds, models and tests in one DAG; a failing test skips what depends on its model.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var empty: EmptyFlag
    @OptionGroup var eventTime: EventTimeOptions
    @OptionGroup var state: StateOptions
    func run() throws { try RunDriver.execute(.build, project, selection, flags, state, empty: empty.empty, eventTime: try eventTime.window(), sample: eventTime.sample) }
}

enum RunDriver {
    static func execute(_ command: RunCommand, _ project: ProjectOptions, _ selection: SelectionOptions,
                        _ flags: RunFlags, _ state: StateOptions, empty: Bool = false,
                        eventTime: (start: Date?, end: Date?) = (nil, nil), sample: String? = nil) throws {
        try execute(command, project, flags, state, selection: selection, empty: empty, eventTime: eventTime, sample: sample) { inv in
            try inv.loadState(state, selection: selection)
            return try selectForCommand(inv, selection, command: command)
        }
    }

    /// Runs `command` over the nodes `select` picks (after loading the project and any state).
    static func execute(_ command: RunCommand, _ project: ProjectOptions, _ flags: RunFlags, _ state: StateOptions,
                        selection: SelectionOptions? = nil, empty: Bool = false,
                        eventTime: (start: Date?, end: Date?) = (nil, nil), sample: String? = nil, showSeeds: Bool = false,
                        select: (inout Invocation) throws -> [String]) throws {
        guard let format = RunPresenter.Format(rawValue: flags.logFormat) else {
            Output.error("--log-format must be text or json, not '\(flags.logFormat)'")
            throw ExitCode(2)
        }
        var projectOptions = project
        if format == .json { projectOptions.quiet = true }
        var inv = try Invocation.load(projectOptions)
        let presenter = RunPresenter.make(inv, project, format: format)
        let ids = try select(&inv)
        // templates see what was selected (dbt_constraints' hooks act on the selected tests only)
        inv.build.setup.selectedResources = ids
        RunArgs.expose(RunArgs.record(inv, which: command.rawValue, flags, state, selection, empty: empty), in: &inv)
        // run_results.json's args are dbt's invocation args, as templates see them
        let args = inv.build.setup.invocationArgs
        let warehouse = try inv.warehouse()
        if state.defers {
            try deferParents(&inv, state, selected: ids, warehouse: warehouse)
        }
        // Static checks before the warehouse is touched: a column mistake stops the run here.
        // Seeds and tests build no model, so there is nothing to trace or check for them.
        var lineage: ProjectLineage?
        if command != .seed && command != .test {
            let outcome = try LineageStage.compute(inv, report: Set(ids),
                                                   warehouseColumns: WarehouseCatalog.sourceColumns(inv.build, warehouse: warehouse))
            try outcome.failIfErrors(inv)
            lineage = outcome.lineage
        }
        var options = RunOptions(command: command, threads: inv.threads, fullRefresh: flags.fullRefresh,
                                 failFast: flags.failFast, storeFailures: flags.storeFailures,
                                 projectRoot: inv.project.root, targetPath: inv.project.config.targetPath,
                                 projectName: inv.project.config.name, onRunStart: inv.project.config.onRunStart,
                                 onRunEnd: inv.project.config.onRunEnd)
        options.packageHooks = PackageHooks.of(inv.project)
        options.skipNodesIfOnRunStartFails = inv.project.config.skipNodesIfOnRunStartFails
        options.queryComment = QueryCommentSetting(inv.project.config.queryComment)
        options.empty = empty
        options.eventTimeStart = eventTime.start
        options.eventTimeEnd = eventTime.end
        if let sample {
            do { try options.setSample(sample) } catch let e as SampleError {
                Output.error(e.message)
                throw ExitCode(2)
            }
        }
        options.warnError = inv.warnErrors.promotes(WarnErrorOptions.testResult)
        // the manifest this run writes gives tests stored by --store-failures their relation_name
        inv.build.manifest.storeFailuresFlag = options.storeFailures
        let context = RunContext(build: inv.build, warehouse: warehouse, options: options)
        // `flowc test` builds nothing, so it leaves the last build's lineage events alone
        let openLineage = command == .test ? nil
            : OpenLineageStage.make(inv, lineage: lineage, warehouse: warehouse, presenter: presenter)
        let runner = Runner(context: context, selected: ids) {
            presenter.handle($0)
            openLineage?.handle($0)
        }
        presenter.line("Running with flowc=\(FlowcVersion.number)",
                       event: DbtEvent("MainReportVersion", "A001", [("log_version", 3), ("version", .string("=" + FlowcVersion.number))]))
        let found = Summary.found(inv.build.manifest)
        presenter.line(found, event: DbtEvent("FoundStats", "W006", [("stat_line", .string(found))]))
        if runner.nodeCount == 0 {
            // as dbt's: no concurrency line and no hooks, then its end of run with nothing in it
            presenter.line("Nothing to do. Try checking your model configs and model specification args", always: true,
                           event: DbtEvent("NothingToDo", "Q035", level: "warn"))
            openLineage?.start()
            openLineage?.finish(RunOutcome(results: [], elapsed: 0, interrupted: false, startedAt: Date().timeIntervalSince1970))
            try writeArtifacts(inv, RunOutcome(results: [], elapsed: 0, interrupted: false, startedAt: Date().timeIntervalSince1970),
                               command, lineage: lineage, args: args)
            // dbt 1.11 ends an empty run, test, build or snapshot there; only seed prints its
            // end of run with nothing in it
            guard command == .seed else { return }
            presenter.line("")
            presenter.line(presenter.paint("Completed successfully", "32"),
                           event: DbtEvent("EndOfRunSummary", "Z030", [("keyboard_interrupt", .bool(false)), ("num_errors", .int(0)),
                                                                      ("num_partial_success", .int(0)), ("num_warnings", .int(0))]))
            presenter.line("")
            presenter.line("Done. PASS=0 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=0",
                           event: DbtEvent("StatsLine", "Z023", [("stats", .object(DbtEvent.sorted([
                               ("error", .int(0)), ("pass", .int(0)), ("skip", .int(0)), ("total", .int(0)), ("warn", .int(0)), ("noop", .int(0)),
                           ])))]))
            return
        }
        presenter.line("")
        // dbt says "threads" for one too
        presenter.line("Concurrency: \(options.threads) threads (target='\(inv.target.name)')",
                       event: DbtEvent("ConcurrencyLine", "Q027", [("node_count", .int(runner.nodeCount)), ("num_threads", .int(options.threads)),
                                                                   ("target_name", .string(inv.target.name))]))
        presenter.line("")
        do {
            try runner.connect()
        } catch {
            Output.error("\(error)",
                         hint: "check that the database is running and the target in profiles.yml is right (`flowc debug`)")
            throw ExitCode(2)
        }
        // Ctrl-C: stop starting nodes and cancel running statements; a second one exits at once
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        nonisolated(unsafe) var count = 0
        interrupts.setEventHandler {
            count += 1
            if count > 1 { exit(2) }
            FileHandle.standardError.write(Data("\ninterrupted: cancelling running queries…\n".utf8))
            openLineage?.interrupted()
            runner.interrupt()
        }
        interrupts.resume()
        openLineage?.start()
        let outcome = runner.run()
        interrupts.cancel()
        signal(SIGINT, SIG_DFL)
        openLineage?.finish(outcome)
        if let aborted = outcome.aborted {
            if aborted.writesResults { try writeArtifacts(inv, outcome, command, lineage: lineage, args: args) }
            reportAbort(aborted, outcome, inv: inv, presenter: presenter)
            throw ExitCode(2)
        }
        try writeArtifacts(inv, outcome, command, lineage: lineage, args: args, selected: ids)
        if showSeeds { SeedSample.show(outcome, inv: inv, warehouse: warehouse, presenter: presenter) }
        summarize(outcome, inv: inv, presenter: presenter, showTiming: flags.timing)
        if outcome.interrupted && !flags.failFast { throw ExitCode(2) }
        if outcome.results.contains(where: \.isFailure) { throw ExitCode(1) }
    }

    /// `--defer`: without --favor-state, a parent keeps its own relation when the current
    /// target has it (one connection asks the catalog).
    static func deferParents(_ inv: inout Invocation, _ state: StateOptions, selected: [String],
                             warehouse: any Warehouse) throws {
        if state.favorState {
            inv.applyDefer(state, selected: selected, exists: { _ in false })
            return
        }
        let connection: any WarehouseConnection
        do {
            connection = try warehouse.connect()
        } catch {
            Output.error("\(error)",
                         hint: "check that the database is running and the target in profiles.yml is right (`flowc debug`)")
            throw ExitCode(2)
        }
        defer { connection.close() }
        inv.applyDefer(state, selected: selected, exists: { node in
            ((try? connection.relation(schema: node.schema, name: node.alias)) ?? nil) != nil
        })
    }

    /// The selection within the command's resource types (and `--resource-type` /
    /// `--exclude-resource-type`); the selection engine adds the tests of selected nodes as
    /// `--indirect-selection` says (eager by default, as dbt).
    static func selectForCommand(_ inv: Invocation, _ s: SelectionOptions, command: RunCommand) throws -> [String] {
        try inv.selected(s, resourceTypes: command.resourceTypes)
    }

    static func writeArtifacts(_ inv: Invocation, _ outcome: RunOutcome, _ command: RunCommand,
                               lineage: ProjectLineage?, args: JSONObject, selected: [String] = []) throws {
        try RunResultsFile.write(outcome, invocationId: inv.invocationId, command: command.rawValue, args: args,
                                 to: inv.path(inv.project.config.targetPath + "/run_results.json"))
        var compiled: [String: CompiledNode] = [:]
        for r in outcome.results {
            // a snapshot has compiled code but no file (its compiled_path is null)
            guard let sql = r.compiledCode else { continue }
            let fileless = (inv.build.manifest.nodes[r.uniqueId] ?? inv.build.manifest.operations[r.uniqueId])?.writesCompiledFile(sql: sql) == false
            if let path = r.compiledPath ?? (fileless ? "" : nil) {
                compiled[r.uniqueId] = CompiledNode(uniqueId: r.uniqueId, sql: sql, extraCTEs: r.extraCTEs, compiledPath: path)
            }
            for parent in r.ephemeralAncestors where compiled[parent.uniqueId] == nil { compiled[parent.uniqueId] = parent }
        }
        // as dbt's run and build: every selected ephemeral model is compiled (file and manifest),
        // also one that nothing run inlined
        let ephemerals = selected.filter { compiled[$0] == nil && inv.build.manifest.nodes[$0]?.materialized == "ephemeral" }
        if !ephemerals.isEmpty {
            for (id, node) in Compiler.compile(inv.build, nodes: ephemerals, threads: inv.workThreads).nodes where compiled[id] == nil {
                try? Files.write(node.sql, to: Invocation.path(node.compiledPath, root: inv.project.root))
                compiled[id] = node
            }
        }
        // dbt's build_path: the target/run/ file of each node that left one
        var buildPaths: [String: String] = [:]
        for r in outcome.results {
            guard let node = inv.build.manifest.nodes[r.uniqueId] else { continue }
            let path = Compiler.runPath(node, targetPath: inv.project.config.targetPath)
            if FileManager.default.fileExists(atPath: inv.path(path)) { buildPaths[r.uniqueId] = path }
        }
        // dbt's run numbers the hooks of each kind it ran from 1 and records that as their index
        var hookIndexes: [String: Int] = [:]
        var hooksRun: [String: Int] = [:]
        for r in outcome.results {
            guard let hook = inv.build.manifest.operations[r.uniqueId] else { continue }
            let kind = hook.name.contains("on-run-end") ? "on-run-end" : "on-run-start"
            hooksRun[kind, default: 0] += 1
            hookIndexes[r.uniqueId] = hooksRun[kind]
        }
        try Artifacts.writeManifest(Self.withTestMaterializationMacros(inv, outcome), compiled: compiled, lineage: lineage,
                                    buildPaths: buildPaths, hookIndexes: hookIndexes)
    }

    /// dbt records the macros its test materialization calls at its top level as dependencies of
    /// each data test it ran, so the manifest a run writes lists them after the test's own.
    static func withTestMaterializationMacros(_ inv: Invocation, _ outcome: RunOutcome) -> Invocation {
        let ran = outcome.results.filter { r in
            [.pass, .fail, .warn].contains(r.status) || (r.status == .error && r.compiledCode != nil)
        }.map(\.uniqueId).filter { inv.build.manifest.nodes[$0]?.resourceType == .test }
        guard !ran.isEmpty else { return inv }
        var out = inv
        for id in ran {
            guard var node = out.build.manifest.nodes[id] else { continue }
            // a generic test's compiling added get_where_subquery before them (ManifestNodeJSON.swift)
            let compiling = node.testMetadata != nil ? ["macro.dbt.get_where_subquery"] : []
            for macro in compiling + ["macro.dbt.get_limit_subquery_sql", "macro.dbt.should_store_failures", "macro.dbt.statement"]
            where !node.dependsOnMacros.contains(macro) {
                node.dependsOnMacros.append(macro)
            }
            out.build.manifest.nodes[id] = node
        }
        return out
    }
}

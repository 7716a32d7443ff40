// A whole command: plan the selected nodes, open one connection per thread, run on-run-start,
// the nodes, then on-run-end (with `results` in its context), and report the outcome.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcTemplate
import FlowcWarehouse
import Foundation

public final class Runner: @unchecked Sendable {
    public let context: RunContext
    let scheduler: Scheduler
    let plan: RunPlan

    /// Prepares a run of `selected` (ids of any resource type; those the command does not run
    /// are ignored).
    public init(context: RunContext, selected: [String], emit: @escaping @Sendable (RunEvent) -> Void) {
        self.context = context
        plan = RunPlan.make(manifest: context.manifest, selected: selected, command: context.options.command,
                            empty: context.options.empty)
        scheduler = Scheduler(context: context, plan: plan, emit: emit)
        for (id, reason) in plan.notRun { emit(.warning("\(id): \(reason)")) }
    }

    /// How many nodes will run.
    public var nodeCount: Int { plan.order.count }

    /// Stops the run (Ctrl-C): no new nodes, running statements cancelled.
    public func interrupt() { scheduler.interrupt() }

    /// Opens the connections; throws WarehouseError when the warehouse cannot be reached.
    public func connect() throws { try scheduler.openConnections() }

    public func run() -> RunOutcome {
        let start = Date().timeIntervalSince1970
        var startResults: [NodeResult] = []
        var endResults: [NodeResult] = []
        var startFailed = false
        func outcome(_ results: [NodeResult], interrupted: Bool = false, aborted: RunAbort? = nil) -> RunOutcome {
            scheduler.closeConnections()
            var o = RunOutcome(results: results, elapsed: Date().timeIntervalSince1970 - start,
                               interrupted: interrupted, startedAt: start)
            o.aborted = aborted
            return o
        }
        // as dbt, before anything runs: tests that would store their failures in one table
        if [.test, .build].contains(context.options.command), let clash = Self.storedFailureClash(context) {
            return outcome([], aborted: RunAbort(message: clash, writesResults: false, beforeRunning: true))
        }
        if let e = scheduler.firstExecutor {
            createSchemas(e)
            let startHooks = hooks(\.onRunStart)
            for (n, (package, i, sql)) in startHooks.enumerated() {
                let r: NodeResult
                do {
                    r = try runHook(sql, package: package, kind: "on-run-start", index: i, position: (n + 1, startHooks.count),
                                    executor: e, results: [], skip: startFailed)
                } catch {
                    // as dbt: nothing more runs, not even on-run-end, and no run_results.json
                    return outcome(startResults, aborted: RunAbort(message: error.message, writesResults: false))
                }
                startResults.append(r)
                if r.isFailure { startFailed = true }
            }
            if !startHooks.isEmpty { scheduler.emit(.hooksFinished) }
        }
        var nodes: [NodeResult] = []
        var interrupted = false
        // dbt 1.9+ runs the nodes after a failed on-run-start unless the project's behaviour
        // flag asks to skip them
        if !startFailed || !context.options.skipNodesIfOnRunStartFails {
            (nodes, interrupted) = scheduler.runNodes()
        } else {
            nodes = plan.order.map { NodeResult(uniqueId: $0, status: .skipped) }
        }
        if let e = scheduler.firstExecutor {
            // on-run-end still runs after an interrupt or --fail-fast (its statements are not cancelled)
            e.connection.resume()
            let endHooks = hooks(\.onRunEnd)
            var endFailed = false
            for (n, (package, i, sql)) in endHooks.enumerated() {
                let r: NodeResult
                do {
                    r = try runHook(sql, package: package, kind: "on-run-end", index: i, position: (n + 1, endHooks.count),
                                    executor: e, results: nodes, skip: endFailed)
                } catch {
                    // as dbt: the hooks after it do not run; run_results.json has what ran before
                    return outcome(startResults + nodes + endResults, interrupted: interrupted,
                                   aborted: RunAbort(message: error.message, writesResults: true))
                }
                endResults.append(r)
                if r.isFailure { endFailed = true }
            }
            if !endHooks.isEmpty { scheduler.emit(.hooksFinished) }
        }
        // as dbt's run_results: the on-run-start hooks, the nodes, the on-run-end hooks
        return outcome(startResults + nodes + endResults, interrupted: interrupted)
    }

    /// The project hooks of one kind (`on-run-start`, `on-run-end`) on their own, for a command
    /// whose work is not nodes (source freshness, which dbt 1.11 wraps in the hooks: flag
    /// source_freshness_run_project_hooks): their results, and the abort when one fails to
    /// render. `results` is what the hooks' templates see as `results`. Needs `connect()`.
    public func runProjectHooks(_ kind: String, results: Value) -> (results: [NodeResult], aborted: RunAbort?) {
        guard let e = scheduler.firstExecutor else { return ([], nil) }
        let list = hooks(kind == "on-run-start" ? \.onRunStart : \.onRunEnd)
        var out: [NodeResult] = []
        var failed = false
        for (n, (package, i, sql)) in list.enumerated() {
            do {
                let r = try runHook(sql, package: package, kind: kind, index: i, position: (n + 1, list.count), executor: e,
                                    results: [], resultsValue: results, skip: failed)
                out.append(r)
                if r.isFailure { failed = true }
            } catch {
                return (out, RunAbort(message: error.message, writesResults: kind == "on-run-end"))
            }
        }
        if !list.isEmpty { scheduler.emit(.hooksFinished) }
        return (out, nil)
    }

    /// Creates the schemas of the models and seeds to run before on-run-start, as dbt does, so
    /// its hooks can create tables there. A schema that cannot be created here is left for its
    /// nodes to fail on, with their own message.
    private func createSchemas(_ executor: NodeExecutor) {
        var seen = Set<String>()
        for id in plan.order {
            guard let n = context.manifest.nodes[id], n.resourceType == .model || n.resourceType == .seed,
                  seen.insert(n.schema).inserted else { continue }
            try? executor.ensureSchema(n)
        }
    }

    /// The root project's hooks of one kind, then each installed package's (dbt's order), each
    /// with its package and its index among that package's hooks.
    private func hooks(_ kind: KeyPath<PackageHooks, [String]>) -> [(package: String, index: Int, sql: String)] {
        let o = context.options
        let all = [PackageHooks(package: o.projectName, onRunStart: o.onRunStart, onRunEnd: o.onRunEnd)] + o.packageHooks
        return all.flatMap { h in h[keyPath: kind].enumerated().map { (h.package, $0.offset, $0.element) } }
    }

    /// One project hook, as dbt runs it: the operation node `operation.<package>.<package>-<kind>-<index>`,
    /// shown as `<package>.<kind>.<index>`, its result "passed" or its error, its compiled file
    /// written. After a hook of the same kind failed, dbt skips the rest (`skip`). A hook that
    /// fails to render (a template error, or a query its macros run failing) stops the whole
    /// command, as in dbt: that throws a HookRenderFailure and the hook has no result.
    private func runHook(_ sql: String, package: String, kind: String, index: Int, position: (Int, Int),
                         executor: NodeExecutor, results: [NodeResult], resultsValue: Value? = nil,
                         skip: Bool) throws(HookRenderFailure) -> NodeResult {
        // The hook renders as a node of its package (var() sees that package's vars).
        let node = context.manifest.operations["operation.\(package).\(package)-\(kind)-\(index)"]
            ?? Node.projectHook(package: package, kind: kind, index: index, sql: sql)
        let name = node.name
        let id = node.uniqueId
        let shown = "\(package).\(kind).\(index)"
        if skip {
            let r = NodeResult(uniqueId: id, status: .skipped, message: "\(shown) skipped", failures: 1, threadId: "main")
            scheduler.emit(.hook(name: shown, index: position.0, total: position.1, result: r))
            return r
        }
        let started = Date().timeIntervalSince1970
        // dbt runs the project hooks on its main thread, which it names `main`
        var result = NodeResult(uniqueId: id, status: .success, threadId: "main")
        // where the project file writes the hook, for its errors
        let declared = context.manifest.operations[id]?.span
        // dbt's: the schemas (and database, schema pairs) of the models, seeds and snapshots
        // this run built
        var built: Set<[String]> = []
        for r in results where ![.error, .fail, .skipped].contains(r.status) {
            guard let n = context.manifest.nodes[r.uniqueId], [.model, .seed, .snapshot].contains(n.resourceType) else { continue }
            built.insert([n.database, n.schema])
        }
        // dbt compiles the hook before it says the hook started
        let rendered: String
        do {
            rendered = try executor.render(sql, node: node, name: declared?.file ?? name, extra: [
                "results": resultsValue ?? Self.resultValues(results, describe: context.manifest.nodeDescriber(
                    dialect: context.build.setup.dialect, projectRoot: context.build.setup.projectRoot)),
                "schemas": .list(Set(built.map { $0[1] }).sorted().map { .string($0) }),
                "database_schemas": .list(built.sorted { $0.lexicographicallyPrecedes($1) }.map { .tuple($0.map { .string($0) }) }),
            ])
        } catch {
            throw HookRenderFailure(error, node: node, declared: declared)
        }
        scheduler.emit(.hookStarted(name: shown, index: position.0, total: position.1))
        do {
            result.compiledCode = rendered
            // as dbt's compile_node: the hook's compiled file, unless it renders to nothing
            if node.writesCompiledFile(sql: rendered) {
                let path = Compiler.compiledPath(node, targetPath: context.build.manifest.targetPath)
                result.compiledPath = path
                try? context.write(rendered, to: path)
            }
            if !rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                executor.connection.comment = executor.queryComment(for: node)
                defer { executor.connection.comment = nil }
                _ = try executor.connection.execute(rendered)
            }
            result.message = "\(shown) passed"
            result.failures = 0
        } catch {
            result.status = .error
            result.failures = 1
            // dbt's message is the database's own, after "failed, error:"
            let text = (error as? WarehouseError)?.message ?? executor.describe(error, node: node)
            result.message = "\(shown) failed, error:\n \(text)"
        }
        result.executionTime = Date().timeIntervalSince1970 - started
        // compile and execute, as dbt times a hook
        result.timing = [NodeTiming(name: "compile", startedAt: started, completedAt: started),
                         NodeTiming(name: "execute", startedAt: started, completedAt: Date().timeIntervalSince1970)]
        scheduler.emit(.hook(name: shown, index: position.0, total: position.1, result: result))
        return result
    }

    /// The results as on-run-end's `results` show them: dbt's RunResult fields, the node as
    /// the manifest describes it (compiled), timing with datetimes.
    static func resultValues(_ results: [NodeResult], describe: (String, (sql: String, path: String)?) -> Value) -> Value {
        .list(results.map { r in
            // each timing step and the result are dbt's objects, with to_dict() (ISO text times)
            let timing: [(object: Value, plain: JSON)] = r.timing.map { t in
                let started = RunResultsFile.isoTime(t.startedAt), completed = RunResultsFile.isoTime(t.completedAt)
                let fields = Value.dict([("name", .string(t.name)), ("started_at", .utcDateTime(iso: started)),
                                         ("completed_at", .utcDateTime(iso: completed))])
                let plain = JSON.object(JSONObject([("name", .string(t.name)), ("started_at", .string(started)),
                                                    ("completed_at", .string(completed))]))
                return (.object(RecordObject("TimingInfo", fields: fields, serialized: { Value(json: plain) })), plain)
            }
            let node = describe(r.uniqueId, r.compiledCode.map { ($0, r.compiledPath ?? "") })
            let response = RunResultsFile.adapterResponse(r)
            let fields: [(String, Value)] = [
                ("status", .string(r.status.rawValue)), ("message", r.message.map { .string($0) } ?? .none),
                ("timing", .list(timing.map(\.object))),
                ("thread_id", .string(r.threadId)), ("execution_time", .double(r.executionTime)),
                ("adapter_response", Value(json: .object(response))),
                ("failures", r.failures.map { .int($0) } ?? .none),
                ("node", node),
            ]
            let plainTiming = timing.map(\.plain)
            let (status, message, thread, seconds, failures) = (r.status.rawValue, r.message, r.threadId, r.executionTime, r.failures)
            // dbt's keys, in its dataclass order (agate_table is None for a node's result)
            let batchResults: JSON = r.batches.map { b in
                func list(_ xs: [(String, String)]) -> JSON { .array(xs.map { .array([.string($0.0), .string($0.1)]) }) }
                return .object(JSONObject([("successful", list(b.successful)), ("failed", list(b.failed))]))
            } ?? .null
            return .object(RecordObject("RunResult", fields: .dict(fields)) {
                Value(json: .object(JSONObject([
                    ("status", .string(status)), ("timing", .array(plainTiming)), ("thread_id", .string(thread)),
                    ("execution_time", .double(seconds)), ("adapter_response", .object(response)),
                    ("message", message.map { .string($0) } ?? .null), ("failures", failures.map { .int($0) } ?? .null),
                    ("node", JSON.serialized(node)), ("agate_table", .null), ("batch_results", batchResults),
                ])))
            })
        })
    }
}

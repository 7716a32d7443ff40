// Runs one node on one thread's connection: compiles it with the live warehouse in its
// context, then seeds, materializes or tests it. Each scheduler thread owns one executor
// (a RenderWorker and a connection are single-threaded).
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcTemplate
import FlowcWarehouse
import Foundation

// @unchecked Sendable: an executor is handed to exactly one scheduler thread and used only there
// (and by the main thread before and after the nodes run, never at the same time).
final class NodeExecutor: @unchecked Sendable {
    let context: RunContext
    let worker: RenderWorker
    /// Interruptible, and timing the database's share of each node.
    let connection: RunConnection
    let live: ConnectionLive
    let threadName: String
    /// Where macros' log(info=True) and print() lines go.
    var messages: ((_ text: String, _ isPrint: Bool) -> Void)?
    /// Where macros' exceptions.warn(msg) lines go.
    var warnings: ((_ text: String) -> Void)?
    /// Set when the node being executed failed to compile: dbt's timing then ends at `compile`.
    private var compileFailed = false
    /// The node's main statement, when its target/run file holds that alone, as dbt writes
    /// a test's (its get_test_sql query, as sent); otherwise the file has every statement.
    var mainStatement: String?

    init(context: RunContext, threadIndex: Int) throws {
        self.context = context
        worker = try RenderWorker(setup: context.build.setup)
        worker.installGraph(context.build.manifest)
        connection = RunConnection(try context.warehouse.connect(), dialect: context.build.setup.dialect)
        live = ConnectionLive(connection)
        // Python names dbt's pool threads after their function, as run_results.json and thread_id show
        threadName = "Thread-\(threadIndex + 1) (worker)"
    }

    var dialect: Dialect { connection.dialect }

    /// A node failed: its status and message. Errors from the database carry the node's path.
    struct NodeFailure: Error {
        var status: NodeStatus
        var message: String
    }

    func execute(_ node: Node) -> NodeResult {
        let started = Date().timeIntervalSince1970
        let databaseBefore = connection.seconds
        var result = NodeResult(uniqueId: node.uniqueId, status: .success, threadId: threadName)
        compileFailed = false
        mainStatement = nil
        // as the manifest: a test has one when it stores its failures (the audit table)
        result.relationName = context.manifest.hasRelationName(node) ? relationName(node) : nil
        // what the node runs is kept for target/run/, as dbt keeps it (unit tests have none)
        let writesRunFile = [.seed, .test, .model, .snapshot].contains(node.resourceType)
        if writesRunFile { connection.recorded = [] }
        connection.comment = queryComment(for: node)
        defer {
            connection.comment = nil
            let path = Compiler.runPath(node, targetPath: context.build.manifest.targetPath)
            if let main = mainStatement {
                try? context.write(main, to: path)
            } else if let statements = connection.recorded, !statements.isEmpty {
                try? context.write(Self.runFileText(statements), to: path)
            }
            connection.recorded = nil
        }
        do {
            switch node.resourceType {
            case .seed: try runSeed(node, into: &result)
            case .test: try runTest(node, into: &result)
            case .unitTest: try runUnitTest(node, into: &result)
            case .exposure, .savedQuery:
                // dbt's NoOpRunner
                result.status = .noOp
                result.message = "NO-OP"
                result.failures = 0
            default: try runModel(node, into: &result)
            }
        } catch let f as NodeFailure {
            result.status = f.status
            result.message = f.message
        } catch {
            result.status = .error
            result.message = describe(error, node: node)
        }
        // dbt compiles a unit test inside its execution, and an error there reports the
        // definition, uncompiled: no compiled code in run_results.json, no compiled path shown
        if node.resourceType == .unitTest && result.status == .error {
            result.compiledCode = nil
            result.compiledPath = nil
        }
        let finished = Date().timeIntervalSince1970
        // dbt times every node's compile step, then its execute step unless the compile failed
        // (dbt_artifacts' uploaders expect both: a seed that failed to load still has them)
        if result.timing.first?.name != "compile" {
            result.timing.insert(NodeTiming(name: "compile", startedAt: started, completedAt: started), at: 0)
        }
        // a node that failed after compiling was executing, and dbt's timing says so
        if let last = result.timing.last, last.name == "compile", !compileFailed {
            result.timing.append(NodeTiming(name: "execute", startedAt: last.completedAt, completedAt: finished))
        }
        result.executionTime = finished - started
        result.databaseTime = connection.seconds - databaseBefore
        return result
    }

    /// A node's statements as target/run/ keeps them.
    static func runFileText(_ statements: [String]) -> String {
        statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ";\n\n") + "\n"
    }

    func describe(_ error: Error, node: Node) -> String {
        switch error {
        case let e as WarehouseError:
            if e.kind == .cancelled { return "cancelled" }
            // as dbt's, it ends by naming the file the node's statements are kept in
            // (not a seed's: dbt's seed error has no compiled code to point at)
            let kept = connection.recorded?.isEmpty == false && node.resourceType != .seed
                ? "\n  compiled code at " + Compiler.runPath(node, targetPath: context.build.manifest.targetPath) : ""
            return "Database Error in \(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))\n  \(e.message.replacingOccurrences(of: "\n", with: "\n  "))" + kept
        case let d as Diagnostic:
            // a query the node ran while compiling that the database refused is its Database Error
            return ErrorHeading.message(d, in: "\(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))")
        case let m as MaterializationError:
            // dbt's materializations raise these as compiler errors
            return "Compilation Error in \(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))\n  "
                + m.description.replacingOccurrences(of: "\n", with: "\n  ")
        default:
            return "\(error)"
        }
    }

    /// The columns a query returns, with the types the warehouse gives them, without reading a
    /// row (dbt's get_empty_subquery_sql). The query sits on its own lines: it may end in a
    /// `--` comment.
    func outputColumns(of sql: String) throws -> [ResultColumn] {
        try connection.query("select * from (\n\(sql)\n) as __dbt_sbq where false limit 0", limit: 0).columns
    }

    func relationName(_ node: Node) -> String {
        dialect.renderRelation(database: node.database, schema: node.schema, identifier: node.alias)
    }

    // MARK: compile

    /// Renders the node (and its ephemeral parents) against the live warehouse and writes the
    /// compiled SQL to target/compiled.
    func compile(_ node: Node, incremental: Bool, window batch: (start: String, end: String)? = nil,
                 batchContext: MicrobatchBatch? = nil, batchLabel: String? = nil, into result: inout NodeResult) throws -> String {
        let start = Date().timeIntervalSince1970
        // one compile step per node, as dbt's timing has (a microbatch model compiles per batch)
        let timed = !result.timing.contains { $0.name == "compile" }
        let window = Microbatch.window(batch: batch, sample: context.options.sample, node: node)
        let compiled: CompiledNode
        do {
            compiled = try compileLive(node, incremental: incremental, window: window, batchContext: batchContext)
        } catch {
            if timed { result.timing.append(NodeTiming(name: "compile", startedAt: start, completedAt: Date().timeIntervalSince1970)) }
            compileFailed = true
            throw error
        }
        result.compiledCode = compiled.sql
        result.extraCTEs = compiled.extraCTEs
        result.ephemeralAncestors = compiled.ephemeralAncestors
        if node.writesCompiledFile(sql: compiled.sql) {
            // a microbatch model's batches each have a file (models/mb/mb_2024-01-01.sql)
            let path = batchLabel.map { Microbatch.batchPath(compiled.compiledPath, label: $0) } ?? compiled.compiledPath
            result.compiledPath = path
            try? context.write(compiled.sql, to: path)
        }
        for parent in compiled.ephemeralAncestors { try? context.write(parent.sql, to: parent.compiledPath) }
        if timed { result.timing.append(NodeTiming(name: "compile", startedAt: start, completedAt: Date().timeIntervalSince1970)) }
        return compiled.sql
    }

    /// The node (and its ephemeral parents) rendered with the live warehouse in its context.
    private func compileLive(_ node: Node, incremental: Bool, window: (start: String, end: String)?,
                             batchContext: MicrobatchBatch?) throws -> CompiledNode {
        try Compiler.compileNode(node.uniqueId, build: context.build, worker: worker) { n in
            let state = NodeState(node: n, mode: .compile)
            state.resolver = context.resolver
            state.live = live
            state.isIncremental = n.uniqueId == node.uniqueId && incremental
            state.messages = messages
            state.warn = warnHandler
            state.threadId = threadName
            state.eventTimeWindow = window
            if n.uniqueId == node.uniqueId { state.batch = batchContext }
            return state
        }
    }

    /// A render state for `node` at run time: the run's resolver, this thread's live connection,
    /// the run's message sink.
    func liveState(_ node: Node) -> NodeState {
        let state = NodeState(node: node, mode: .compile)
        state.resolver = context.resolver
        state.live = live
        state.messages = messages
        state.warn = warnHandler
        state.threadId = threadName
        // (an unusable contract fails the node before it builds, in enforceContract)
        state.contract = (try? ModelContract.of(node, dialect: dialect, reference: { reference($0, from: node) }))??.ddl(dialect)
        return state
    }

    /// exceptions.warn(msg) at run time: a warning line, or under --warn-error the node's
    /// Compilation Error with the warning's text, as dbt's.
    var warnHandler: (String) throws -> Void {
        let warnError = context.options.warnError, warnings = warnings
        return { message in
            if warnError { throw TemplateError(.host, message) }
            warnings?(message)
        }
    }

    /// A custom incremental strategy's SQL, rendered with the node's live context.
    func strategySQL(_ strategy: String, node: Node, tmp: String, columns: [WarehouseColumn]) throws -> String {
        let state = liveState(node)
        state.isIncremental = true
        do {
            return try worker.strategySQL(strategy, node: node, tempIdentifier: tmp,
                                          columns: columns.map { ($0.name, $0.dataType) }, state: state)
        } catch let e as TemplateError {
            throw Diagnostic(templateError: e, file: node.displayPath)  // described as a Compilation Error in the model
        }
    }

    /// Runs the node's hooks (`pre-hook` or `post-hook`): all of them in order, or those of
    /// one side of the model's transaction.
    func runHooks(_ key: String, node: Node, inTransaction: Bool? = nil) throws {
        let hooks = inTransaction.map { HookConfig.statements(node.config[key], inTransaction: $0) } ?? HookConfig.statements(node.config[key])
        for hook in hooks {
            _ = try renderAndExecute(hook, node: node, name: node.originalFilePath)
        }
    }

    /// Renders hook SQL with the node's live context (plus `extra` variables) and runs it unless
    /// it renders empty; returns the rendered SQL and what the database reported.
    func renderAndExecute(_ sql: String, node: Node, name: String,
                          extra: [String: Value] = [:]) throws -> (sql: String, result: ExecResult?) {
        let rendered = try render(sql, node: node, name: name, extra: extra)
        guard !rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return (rendered, nil) }
        return (rendered, try connection.execute(rendered))
    }

    /// The query comment statements of `node` carry, or nil when the project turned it off. A
    /// comment that does not render, or holds `*/`, is left out (dbt refuses `*/` too).
    func queryComment(for node: Node) -> (text: String, append: Bool)? {
        let setting = context.options.queryComment
        guard setting.enabled else { return nil }
        var text = QueryCommentSetting.defaultComment(node: node, target: context.build.setup.target, dbtVersion: DbtCompatibility.version)
        if let template = setting.template {
            // dbt's query-comment context names the node `node`
            guard let rendered = try? render("{% set node = model %}" + template, node: node, name: "query-comment",
                                             extra: ["connection_name": .string(node.uniqueId)]) else { return nil }
            text = rendered
        }
        guard !text.contains("*/") else { return nil }
        return (text, setting.append)
    }

    /// Renders `sql` (a hook's, an operation's) as `node` with the live warehouse.
    func render(_ sql: String, node: Node, name: String, extra: [String: Value] = [:]) throws -> String {
        let state = liveState(node)
        state.contextGlobals = extra
        // an on-run-start/end hook has no relation: dbt's `this` is None there
        if node.resourceType == .operation { state.thisValue = Value.none }
        // a hook's is_incremental() asks the warehouse then, as dbt's: false in a first build's
        // pre-hook, true in its post-hook (the table is there by then)
        state.isIncremental = try isIncremental(node)
        return try worker.render(try worker.environment.parse(sql, name: name), state: state)
    }

    // MARK: models

    /// dbt's is_incremental(): an incremental model whose table exists and is not being rebuilt.
    func isIncremental(_ node: Node) throws -> Bool {
        guard node.buildsIncrementally(fullRefresh: context.options.fullRefresh) else { return false }
        return try connection.relation(schema: node.schema, name: node.alias)?.kind == .table
    }

    func runModel(_ node: Node, into result: inout NodeResult) throws {
        var m = Materializer(connection: connection, dialect: dialect, database: node.database, schema: node.schema,
                             identifier: node.alias)
        m.tableOptions = try TableOptions(node.config)
        m.truthyNullsEquals = context.build.setup.behaviorFlags["enable_truthy_nulls_equals_macro"] == true
        let materialized = node.materialized
        let refresh = node.fullRefresh(context.options.fullRefresh)
        let incremental = try isIncremental(node)
        if let microbatch = MicrobatchConfig.of(node) {
            switch microbatch {
            case .success(let config):
                return try runMicrobatch(node, config: config, materializer: m, incremental: incremental, into: &result)
            case .failure(let e):
                throw NodeFailure(status: .error, message: e.message)
            }
        }
        m.ddlMacros = ddlMacros(for: node)
        let sql = try compile(node, incremental: incremental, into: &result)
        if let macro = worker.materializationMacro(materialized) {
            return try runCustomMaterialization(node, macro: macro, sql: sql, into: &result)
        }
        m.customStrategy = (defines: { [worker] in worker.definesStrategyMacro($0) },
                            redefines: { [worker] in worker.redefinesStrategy($0, hasUniqueKey: $1) },
                            sql: { [self] strategy, tmp, columns in try self.strategySQL(strategy, node: node, tmp: tmp, columns: columns) })
        let start = Date().timeIntervalSince1970
        try ensureSchema(node)
        let onChange = node.config["on_configuration_change"]?.stringValue ?? "apply"
        var viewPlan: MaterializedViewPlan?
        if materialized == "materialized_view" {
            let plan = try materializedViewPlan(node, m, fullRefresh: refresh, onChange: onChange)
            if plan == .skip { return try skipMaterializedView(node, m, start: start, into: &result) }
            viewPlan = plan
        }
        // dbt's order: the hooks outside the transaction (before_begin) first; those in it open
        // the model's transaction (a materialized view's run before it, as they did)
        try runHooks("pre-hook", node: node, inTransaction: false)
        let starting = { [self] () throws -> ModelContract? in
            try runHooks("pre-hook", node: node, inTransaction: true)
            // after the pre-hooks, as dbt checks it: the query may read what they made
            guard ["table", "view", "incremental"].contains(materialized), let contract = try enforceContract(node, sql: sql) else {
                return nil
            }
            // a view has no column list of its own: the check is all its contract does
            return materialized == "view" ? nil : contract
        }
        if materialized == "materialized_view" { _ = try starting() } else { m.starting = starting }
        // a table or view is made anew (dbt-postgres does not copy grants); an incremental
        // model merged into and an existing snapshot keep theirs
        let revoking = materialized == "snapshot" ? try m.existing() != nil : materialized == "incremental" && incremental
        let kind = materialized == "view" ? "view" : materialized == "materialized_view" ? "materialized view" : "table"
        // in the model's transaction, as dbt's: a failing post-hook, grant or comment rolls the
        // new relation back
        var finished = false
        let target = m.target
        let finish = { [self] in
            try runHooks("post-hook", node: node, inTransaction: true)
            try applyGrants(node, relation: target, revoking: revoking)
            try persistDocs(node, relation: target, kind: kind)
            finished = true
        }
        m.finishing = finish
        let r: ExecResult
        switch materialized {
        case "table": r = try m.table(sql)
        case "view": r = try m.view(sql)
        case "incremental": r = try m.incremental(sql, config: node.config, fullRefresh: refresh)
        case "snapshot":
            r = try m.snapshot(sql, config: node.config)
        case "materialized_view":
            r = try m.materializedView(sql, plan: viewPlan ?? m.materializedViewPlan(fullRefresh: refresh, onConfigurationChange: onChange))
        default:
            // dbt's message, for a materialization no project or package defines
            throw NodeFailure(status: .error, message: "Compilation Error in model \(node.name) (\(node.originalFilePath))\n"
                              + "  No materialization '\(materialized)' was found for adapter \(dialect.name)! "
                              + "(searched types 'default' and '\(dialect.name)')")
        }
        // a refreshed materialized view was not built in a transaction
        if !finished { try finish() }
        try runHooks("post-hook", node: node, inTransaction: false)
        result.adapterCode = r.code
        result.rowsAffected = r.rowsAffected
        result.message = r.message
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
    }

    /// The materialized view's plan; `on_configuration_change: fail` fails the model with dbt's
    /// message (its children are skipped, the rest of the run goes on).
    func materializedViewPlan(_ node: Node, _ m: Materializer, fullRefresh: Bool, onChange: String) throws -> MaterializedViewPlan {
        do {
            return try m.materializedViewPlan(fullRefresh: fullRefresh, onConfigurationChange: onChange)
        } catch let refused as MaterializedViewChangeRefused {
            throw NodeFailure(status: .error, message: "FailFast Error in model \(node.name) (\(node.originalFilePath))\n  \(refused.message)")
        }
    }

    /// `on_configuration_change: continue` on a changed materialized view: dbt's warning and
    /// its `skip` result; nothing is built, so no hooks, grants or docs either.
    func skipMaterializedView(_ node: Node, _ m: Materializer, start: Double, into result: inout NodeResult) throws {
        let warning = "Configuration changes were identified and `on_configuration_change` was set to `continue` for `\(m.target)`"
        if context.options.warnError {
            throw NodeFailure(status: .error, message: "Compilation Error in model \(node.name) (\(node.originalFilePath))\n  \(warning)")
        }
        warnings?(warning)
        result.adapterCode = "skip"
        result.rowsAffected = -1
        result.message = "skip \(m.target)"
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
    }

    /// `grants: {select: [reporter]}` where the dialect has GRANT, as dbt's apply_grants: one
    /// statement per privilege, grantees as written. With `revoking` (a relation that kept its
    /// grants: an incremental run, a reloaded seed, a snapshot), grants the relation has and the
    /// config no longer names are revoked, and only missing ones granted; an empty config
    /// changes nothing.
    func applyGrants(_ node: Node, relation: String, revoking: Bool = false) throws {
        let wanted = GrantPlan.wanted(node.config["grants"])
        guard dialect.ddl.grant != nil, !wanted.isEmpty else { return }
        var current: GrantPlan.Grants?
        if revoking, dialect.ddl.revoke != nil, let show = dialect.ddl.showGrants {
            let rows = try connection.query(show(sqlStringLiteral(node.schema), sqlStringLiteral(node.alias)), limit: nil).rows
            current = GrantPlan.current(rows: rows.filter { $0.count == 2 }.map { ($0[0].text, $0[1].text) })
        }
        for statement in GrantPlan.statements(dialect.ddl, relation: relation, wanted: wanted, current: current, quote: dialect.quote) {
            try connection.execute(statement)
        }
    }

    /// `persist_docs: {relation: true, columns: true}` as comments where the dialect has them
    /// (by the project's macros when it redefines dbt's).
    func persistDocs(_ node: Node, relation: String, kind: String) throws {
        if try persistDocsByMacro(node, relation: relation, kind: kind) { return }
        let statements = try PersistDocs.statements(node, relation: relation, kind: kind, dialect: dialect) {
            Set(try connection.columns(schema: node.schema, name: node.alias).map { $0.name.lowercased() })
        }
        for statement in statements { try connection.execute(statement) }
    }
}

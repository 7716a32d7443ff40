// on-run-end's `results`, as dbt's RunResult objects look to a template: status, message,
// timing (with datetimes), thread, execution time, adapter_response, failures, and the node as
// the manifest describes it, compiled code included. Packages that record runs
// (dbt_artifacts, elementary) read `result.node.config.materialized`, `result.timing[0]`,
// `result.adapter_response.rows_affected`.
import FlowcSQL
import FlowcTemplate

public struct RunResultDescription: Sendable {
    public var uniqueId: String
    public var status: String
    public var message: String?
    public var failures: Int?
    public var executionTime: Double
    public var threadId: String
    /// (name, started, completed) with ISO 8601 UTC times ("…T17:00:48.252000Z").
    public var timing: [(name: String, startedAt: String, completedAt: String)]
    public var adapterResponse: JSONObject
    public var compiledCode: String?
    public var compiledPath: String?

    public init(uniqueId: String, status: String, message: String?, failures: Int?, executionTime: Double, threadId: String,
                timing: [(name: String, startedAt: String, completedAt: String)], adapterResponse: JSONObject,
                compiledCode: String?, compiledPath: String?) {
        self.uniqueId = uniqueId
        self.status = status
        self.message = message
        self.failures = failures
        self.executionTime = executionTime
        self.threadId = threadId
        self.timing = timing
        self.adapterResponse = adapterResponse
        self.compiledCode = compiledCode
        self.compiledPath = compiledPath
    }
}

extension Manifest {
    /// The results as template values, each node described once.
    public func resultValues(_ results: [RunResultDescription], dialect: Dialect) -> Value {
        let ctx = NodeJSONContext(self, createdAt: 0, projectRoot: "")
        return .list(results.map { r in
            var node: Value = .dict([("unique_id", .string(r.uniqueId)),
                                     ("name", .string(String(r.uniqueId.split(separator: ".").last ?? "")))])
            if let n = nodes[r.uniqueId] {
                let relation = NodeJSONContext.hasRelation(n)
                    ? dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias) : nil
                let compiled = r.compiledCode.map { (sql: $0, path: r.compiledPath ?? "", extraCTEs: [(id: String, sql: String)]()) }
                node = Value(json: ctx.node(n, compiled: compiled, relationName: relation))
            }
            func time(_ iso: String) -> Value { DateTimeObject.utc(iso: iso).map { .object($0) } ?? .string(iso) }
            return .dict([
                ("status", .string(r.status)), ("message", r.message.map { .string($0) } ?? .none),
                ("timing", .list(r.timing.map { t in
                    .dict([("name", .string(t.name)), ("started_at", time(t.startedAt)), ("completed_at", time(t.completedAt))])
                })),
                ("thread_id", .string(r.threadId)), ("execution_time", .double(r.executionTime)),
                ("adapter_response", Value(json: .object(r.adapterResponse))),
                ("failures", r.failures.map { .int($0) } ?? .none),
                ("node", node),
            ])
        })
    }
}

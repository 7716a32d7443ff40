// What on-run-end's `results` need from the graph layer: each node as the manifest describes
// it (compiled code included), and dbt's datetimes for the results' timing. FlowcRun's Runner
// builds the result values (status, adapter_response, …) around them.
import FlowcSQL
import FlowcTemplate

extension Manifest {
    /// A function giving a node, by unique id, as the manifest describes it, for templates:
    /// with `compiled` (SQL and path) the node is the compiled one, as dbt's result.node is.
    /// Unknown ids give `{unique_id, name}`.
    public func nodeDescriber(dialect: Dialect) -> (_ id: String, _ compiled: (sql: String, path: String)?) -> Value {
        let ctx = NodeJSONContext(self, createdAt: 0, projectRoot: "")
        return { id, compiled in
            guard let n = self.nodes[id] else {
                return .dict([("unique_id", .string(id)), ("name", .string(String(id.split(separator: ".").last ?? "")))])
            }
            let relation = NodeJSONContext.hasRelation(n)
                ? dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias) : nil
            let c = compiled.map { (sql: $0.sql, path: $0.path, extraCTEs: [(id: String, sql: String)]()) }
            return Value(json: ctx.node(n, compiled: c, relationName: relation))
        }
    }
}

extension Value {
    /// An aware UTC datetime, as dbt's timing and `run_started_at` are, from ISO 8601 text
    /// ("…T17:00:48.252000Z"); the text itself if it does not read as one.
    public static func utcDateTime(iso: String) -> Value {
        DateTimeObject.utc(iso: iso).map { .object($0) } ?? .string(iso)
    }
}

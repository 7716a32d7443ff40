// `flowc show`: compile one node against the live warehouse and fetch its first rows, without
// building anything.
import FlowcGraph
import FlowcWarehouse

public enum Preview {
    /// The first `limit` rows the node's SQL returns. An incremental model whose table exists
    /// previews its incremental SQL (is_incremental() true), as dbt's show, unless the context
    /// is a full refresh.
    public static func rows(_ context: RunContext, nodeId: String, limit: Int) throws -> (sql: String, table: ResultTable) {
        guard let node = context.manifest.nodes[nodeId] else {
            throw TargetError(description: "no node \(nodeId)")
        }
        let executor = try NodeExecutor(context: context, threadIndex: 0)
        defer { executor.connection.close() }
        var scratch = NodeResult(uniqueId: nodeId, status: .success)
        // a seed has no SQL: dbt previews its table
        let sql = node.resourceType == .seed
            ? "select * from " + context.build.setup.dialect.renderRelation(database: node.database, schema: node.schema, identifier: node.alias)
            : try executor.compile(node, incremental: try executor.isIncremental(node), into: &scratch)
        let body = sql.trimmingTrailingSemicolons
        // dbt's show runs the model's sql_header first (a search_path, a temporary function)
        if node.resourceType != .seed, let header = TableOptions.sqlHeader(node.config) {
            try executor.connection.execute(header)
        }
        // a negative limit shows every row, as dbt's show
        var table = try executor.connection.query("select * from (\n\(body)\n) as flowc_preview" + (limit < 0 ? "" : " limit \(limit)"),
                                                  limit: limit < 0 ? nil : limit)
        if context.build.setup.dialect.name == "postgres" { table = pythonText(table) }
        return (sql, table)
    }

    /// PostgreSQL intervals, arrays and json containers as dbt's show prints them: the text
    /// Python makes of psycopg2's values (`1 day, 0:00:00`, `["x", "y"]`), as run_query's.
    static func pythonText(_ table: ResultTable) -> ResultTable {
        let kinds = table.columns.map { WarehousePythonText.kind(ofType: $0.type) }
        guard kinds.contains(where: { $0 != nil }) else { return table }
        var out = table
        out.rows = table.rows.map { row in
            row.enumerated().map { i, v in
                guard case .text(let text) = v, i < kinds.count, let kind = kinds[i],
                      case .string(let python)? = WarehousePythonText.value(text, kind: kind) else { return v }
                return .text(python)
            }
        }
        return out
    }

    /// Checks the warehouse answers `select 1`; returns where it is.
    public static func ping(_ warehouse: any Warehouse) throws -> String {
        let c = try warehouse.connect()
        defer { c.close() }
        _ = try c.query("select 1 as ok", limit: 1)
        return warehouse.location
    }
}

extension String {
    var trimmingTrailingSemicolons: String {
        var s = Substring(self)
        while let last = s.last, last == ";" || last == " " || last == "\n" || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

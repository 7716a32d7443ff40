// The warehouse as templates see it at run time (run_query, statement, adapter
// introspection), over the executing thread's connection.
import FlowcGraph
import FlowcTemplate
import FlowcWarehouse

final class ConnectionLive: LiveWarehouse {
    let connection: any WarehouseConnection
    /// While a custom materialization runs, its statements open a transaction as dbt-postgres's
    /// do, which adapter.commit() commits; the rest of a run autocommits.
    var transactional = false
    private(set) var transactionOpen = false
    init(_ connection: any WarehouseConnection) { self.connection = connection }

    func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> LiveResult {
        if transactional && autoBegin && !transactionOpen {
            try connection.begin()
            transactionOpen = true
        }
        if fetch {
            let t = try connection.query(sql, limit: nil, exactNumerics: true)
            // the columns PostgreSQL dates and timestamps come in (SQLite's are text, as dbt-sqlite's)
            let postgres = connection.dialect.name == "postgres"
            let temporal = postgres ? t.columns.map { WarehouseTemporal.kind(ofType: $0.type) } : []
            // intervals, arrays and json as the text Python makes of them, as dbt's agate holds them
            let pythonText = postgres ? t.columns.map { WarehousePythonText.kind(ofType: $0.type) } : []
            // an insert run with fetch_result reports its own count, as dbt's response does
            let select = ExecResult(code: "SELECT", rowsAffected: t.rows.count)
            let status = t.status.map { $0.code == "SELECT" ? select : $0 } ?? select
            return LiveResult(message: status.message, code: status.code, rowsAffected: status.rowsAffected,
                              columns: t.columns.map(\.name), rows: t.rows.map { row in
                                  row.enumerated().map { i, v in
                                      // PostgreSQL dates and timestamps as Python's, as psycopg2 gives them to dbt
                                      if case .text(let text) = v, i < temporal.count, let kind = temporal[i],
                                         let value = WarehouseTemporal.value(text, kind: kind) { return value }
                                      if case .text(let text) = v, i < pythonText.count, let kind = pythonText[i],
                                         let python = WarehousePythonText.value(text, kind: kind) { return python }
                                      return Self.value(v)
                                  }
                              })
        }
        let r = try connection.execute(sql)
        return LiveResult(message: r.message, code: r.code, rowsAffected: r.rowsAffected)
    }

    func commit() throws {
        guard transactionOpen else { return }
        transactionOpen = false
        try connection.commit()
    }

    /// Ends a materialization: what it did not commit is rolled back, as dbt-postgres rolls back
    /// a transaction left open when it releases the connection.
    func endTransactional() {
        transactional = false
        if transactionOpen {
            transactionOpen = false
            try? connection.rollback()
        }
    }

    func relation(schema: String, identifier: String) throws -> LiveRelation? {
        try connection.relation(schema: schema, name: identifier).map {
            LiveRelation(schema: $0.schema, identifier: $0.name, type: $0.kind.rawValue)
        }
    }

    func columns(schema: String, identifier: String) throws -> [LiveColumn] {
        try connection.columns(schema: schema, name: identifier).map {
            LiveColumn(name: $0.name, dataType: $0.dataType, numericPrecision: $0.numericPrecision, numericScale: $0.numericScale,
                       catalogType: $0.catalogType, charSize: $0.charSize)
        }
    }

    func relations(schema: String) throws -> [LiveRelation] {
        try connection.relations(schema: schema).map { LiveRelation(schema: $0.schema, identifier: $0.name, type: $0.kind.rawValue) }
    }

    func createSchema(_ schema: String) throws { try connection.createSchema(schema) }

    func queryColumns(_ sql: String) throws -> [LiveColumn] {
        try connection.query(sql, limit: 0).columns.map { LiveColumn(name: $0.name, dataType: $0.type) }
    }

    static func value(_ v: SQLValue) -> Value {
        switch v {
        case .null: return .none
        case .int(let i): return .int(Int(i))
        // dbt's agate reads a float as Decimal(repr(float)) (SQLite REALs; PostgreSQL's come as .decimal)
        case .double(let d): return d.isFinite ? (PyDecimal(Value.double(d).pythonRepr).map { .decimal($0) } ?? .double(d)) : .double(d)
        case .text(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .blob(let b): return .string(String(decoding: b, as: UTF8.self))
        case .decimal(let s): return PyDecimal(s).map { .decimal($0) } ?? .string(s)
        }
    }
}

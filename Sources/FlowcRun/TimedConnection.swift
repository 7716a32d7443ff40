// Wraps a connection and adds up the time spent waiting on the database, so a run can say how
// much of its wall time is flowc's own (the benchmark's "overhead per node").
import FlowcSQL
import FlowcWarehouse
import Foundation

final class TimedConnection: WarehouseConnection {
    let inner: any WarehouseConnection
    /// Seconds spent inside the database calls so far.
    private(set) var seconds: Double = 0

    init(_ inner: any WarehouseConnection) { self.inner = inner }

    private func timed<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try body()
    }

    var dialect: Dialect { inner.dialect }
    var canceller: any Canceller { inner.canceller }
    @discardableResult func execute(_ sql: String) throws -> ExecResult { try timed { try inner.execute(sql) } }
    func query(_ sql: String, limit: Int?) throws -> ResultTable { try timed { try inner.query(sql, limit: limit) } }
    func begin() throws { try timed { try inner.begin() } }
    func commit() throws { try timed { try inner.commit() } }
    func rollback() throws { try timed { try inner.rollback() } }
    func relation(schema: String, name: String) throws -> WarehouseRelation? { try timed { try inner.relation(schema: schema, name: name) } }
    func relations(schema: String) throws -> [WarehouseRelation] { try timed { try inner.relations(schema: schema) } }
    func columns(schema: String, name: String) throws -> [WarehouseColumn] { try timed { try inner.columns(schema: schema, name: name) } }
    func createSchema(_ schema: String) throws { try timed { try inner.createSchema(schema) } }
    func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int {
        try timed { try inner.load(into: schema, table: table, columns: columns, rows: rows) }
    }
    func close() { inner.close() }
}

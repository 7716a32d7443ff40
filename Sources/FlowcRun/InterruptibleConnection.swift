// A scheduler thread's connection as the run uses it. Cancelling only reaches a statement that
// is running: an interrupt that lands between two statements (while a node compiles, say, or
// between a materialization's steps) would otherwise be lost, and the next statement would run
// to its end. So once interrupted, statements that have not started throw `cancelled` instead.
import FlowcSQL
import FlowcWarehouse
import Synchronization

final class InterruptibleConnection: WarehouseConnection {
    let inner: any WarehouseConnection
    private let interrupted = Atomic<Bool>(false)

    init(_ inner: any WarehouseConnection) { self.inner = inner }

    /// Stops the running statement and every later one until `resume()`; callable from any thread.
    func interrupt() {
        interrupted.store(true, ordering: .sequentiallyConsistent)
        inner.canceller.cancel()
    }

    /// Lets statements run again (for on-run-end after an interrupted run).
    func resume() { interrupted.store(false, ordering: .sequentiallyConsistent) }

    private func check() throws {
        if interrupted.load(ordering: .sequentiallyConsistent) {
            throw WarehouseError(.cancelled, "the query was cancelled")
        }
    }

    var dialect: Dialect { inner.dialect }

    @discardableResult
    func execute(_ sql: String) throws -> ExecResult {
        try check()
        return try inner.execute(sql)
    }

    func query(_ sql: String, limit: Int?) throws -> ResultTable {
        try check()
        return try inner.query(sql, limit: limit)
    }

    func begin() throws {
        try check()
        try inner.begin()
    }

    // commit and rollback always go through: a transaction's end is never left hanging
    func commit() throws { try inner.commit() }
    func rollback() throws { try inner.rollback() }

    func relation(schema: String, name: String) throws -> WarehouseRelation? {
        try check()
        return try inner.relation(schema: schema, name: name)
    }

    func relations(schema: String) throws -> [WarehouseRelation] {
        try check()
        return try inner.relations(schema: schema)
    }

    func columns(schema: String, name: String) throws -> [WarehouseColumn] {
        try check()
        return try inner.columns(schema: schema, name: name)
    }

    func createSchema(_ schema: String) throws {
        try check()
        try inner.createSchema(schema)
    }

    func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int {
        try check()
        return try inner.load(into: schema, table: table, columns: columns, rows: rows)
    }

    var canceller: any Canceller { inner.canceller }

    func close() { inner.close() }
}

// A scheduler thread's connection as the run uses it: interruptible between statements, and
// timed, so a run can say how much of its wall time was the database's.
//
// Cancelling only reaches a statement that is running: an interrupt that lands between two
// statements (while a node compiles, say, or between a materialization's steps) would otherwise
// be lost, and the next statement would run to its end. So once interrupted, statements that
// have not started throw `cancelled` instead. Commit and rollback always go through: a
// transaction's end is never left hanging.
import FlowcSQL
import FlowcWarehouse
import Foundation
import Synchronization

final class RunConnection: WarehouseConnection {
    let inner: any WarehouseConnection
    private let interrupted = Atomic<Bool>(false)
    /// Seconds spent inside database calls so far (read by the executor's own thread only).
    private(set) var seconds: Double = 0

    /// The build's dialect: the warehouse's with the project's `quoting:` (RelationQuoting.swift).
    private let buildDialect: Dialect?

    init(_ inner: any WarehouseConnection, dialect: Dialect? = nil) {
        self.inner = inner
        buildDialect = dialect
    }

    /// Stops the running statement and every later one until `resume()`; callable from any thread.
    func interrupt() {
        interrupted.store(true, ordering: .sequentiallyConsistent)
        inner.canceller.cancel()
    }

    /// Lets statements run again (for on-run-end after an interrupted run).
    func resume() {
        interrupted.store(false, ordering: .sequentiallyConsistent)
        inner.canceller.reset()
    }

    /// Runs one database call, timed; `interruptible` calls refuse to start after an interrupt.
    private func call<T>(interruptible: Bool = true, _ body: () throws -> T) throws -> T {
        if interruptible && interrupted.load(ordering: .sequentiallyConsistent) {
            throw WarehouseError(.cancelled, "the query was cancelled")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try body()
    }

    var dialect: Dialect { buildDialect ?? inner.dialect }
    var canceller: any Canceller { inner.canceller }

    /// The statements run while this is set (a node's, for its target/run file).
    var recorded: [String]?
    /// The query comment of the node or hook running (QueryComment.swift); statements are sent
    /// with it, and recorded without it.
    var comment: (text: String, append: Bool)?

    private func commented(_ sql: String) -> String {
        guard let comment else { return sql }
        return QueryCommentSetting.add(comment.text, to: sql, append: comment.append)
    }

    @discardableResult
    func execute(_ sql: String) throws -> ExecResult {
        recorded?.append(sql)
        let sent = commented(sql)
        return try call { try inner.execute(sent) }
    }
    func query(_ sql: String, limit: Int?) throws -> ResultTable {
        recorded?.append(sql)
        let sent = commented(sql)
        return try call { try inner.query(sent, limit: limit) }
    }
    func query(_ sql: String, limit: Int?, exactNumerics: Bool) throws -> ResultTable {
        recorded?.append(sql)
        let sent = commented(sql)
        return try call { try inner.query(sent, limit: limit, exactNumerics: exactNumerics) }
    }
    func begin() throws { try call { try inner.begin() } }
    // a pending cancel must not stop a transaction's end: it is forgotten first
    func commit() throws { try call(interruptible: false) { inner.canceller.reset(); try inner.commit() } }
    func rollback() throws { try call(interruptible: false) { inner.canceller.reset(); try inner.rollback() } }
    // Names as the database stores them: DDL spells them with the project's quoting policy, and
    // PostgreSQL keeps an unquoted name in lower case (dbt's _is_exactish_match).
    private func stored(schema: String) -> String {
        guard let d = buildDialect, d.foldsUnquotedNamesToLowerCase, !d.quotePolicy.schema else { return schema }
        return schema.lowercased()
    }
    private func stored(name: String) -> String {
        guard let d = buildDialect, d.foldsUnquotedNamesToLowerCase, !d.quotePolicy.identifier else { return name }
        return name.lowercased()
    }
    func relation(schema: String, name: String) throws -> WarehouseRelation? {
        try call { try inner.relation(schema: stored(schema: schema), name: stored(name: name)) }
    }
    func relations(schema: String) throws -> [WarehouseRelation] { try call { try inner.relations(schema: stored(schema: schema)) } }
    func columns(schema: String, name: String) throws -> [WarehouseColumn] {
        try call { try inner.columns(schema: stored(schema: schema), name: stored(name: name)) }
    }
    func createSchema(_ schema: String) throws { try call { try inner.createSchema(stored(schema: schema)) } }
    func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int {
        recorded?.append("-- \(rows.count) rows loaded into \(dialect.renderRelation(database: nil, schema: schema, identifier: table))")
        return try call { try inner.load(into: stored(schema: schema), table: stored(name: table), columns: columns, rows: rows) }
    }
    func close() { inner.close() }
}

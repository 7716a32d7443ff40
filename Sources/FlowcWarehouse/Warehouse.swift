// What flowc needs of a warehouse, whatever the engine: open connections, run SQL, read rows,
// look up relations and columns, load seed rows in bulk, and cancel a running statement from
// another thread. The SQLite and PostgreSQL adapters implement it on their C libraries.
import FlowcSQL

/// One value of a result row.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case blob([UInt8])
    /// A PostgreSQL numeric's exact text (`12.50`), from `query(_:limit:exactNumerics:)` only:
    /// templates read it as Python's Decimal, as dbt's agate tables do.
    case decimal(String)

    /// The value as text, as a table preview prints it ("" for NULL).
    public var text: String {
        switch self {
        case .null: return ""
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .text(let s): return s
        case .bool(let b): return b ? "True" : "False"
        case .blob(let b): return "<\(b.count) bytes>"
        case .decimal(let s): return s
        }
    }
}

public struct ResultColumn: Sendable, Equatable {
    public var name: String
    /// The engine's declared type name ("integer", "text", "numeric(10,2)", "character
    /// varying(20)", … with PostgreSQL's modifiers; "" when unknown).
    public var type: String
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// Rows returned by a query.
public struct ResultTable: Sendable {
    public var columns: [ResultColumn]
    public var rows: [[SQLValue]]
    /// What the statement reported ("INSERT 0 1" for an insert run as a query), when known.
    public var status: ExecResult?
    public init(columns: [ResultColumn], rows: [[SQLValue]], status: ExecResult? = nil) {
        self.columns = columns
        self.rows = rows
        self.status = status
    }
}

/// What a statement did, as the adapter reports it (dbt's `adapter_response`).
public struct ExecResult: Sendable, Equatable {
    /// The statement's kind, e.g. "SELECT", "INSERT", "CREATE VIEW", "OK".
    public var code: String
    public var rowsAffected: Int
    public init(code: String, rowsAffected: Int) {
        self.code = code
        self.rowsAffected = rowsAffected
    }
    /// "SELECT 120", "INSERT 0 5", "CREATE VIEW", as PostgreSQL's command tags read.
    public var message: String {
        switch code {
        case "INSERT": return "INSERT 0 \(rowsAffected)"
        case "SELECT", "UPDATE", "DELETE", "MERGE", "COPY": return "\(code) \(rowsAffected)"
        default: return code
        }
    }
}

public enum RelationKind: String, Sendable {
    case table, view
    /// PostgreSQL's; `materialized_view`, as dbt names the relation type.
    case materializedView = "materialized_view"

    /// The words DDL names the kind with (`drop materialized view …`).
    public var sql: String { self == .materializedView ? "materialized view" : rawValue }
}

public struct WarehouseRelation: Sendable, Equatable {
    public var schema: String
    public var name: String
    public var kind: RelationKind
    public init(schema: String, name: String, kind: RelationKind) {
        self.schema = schema
        self.name = name
        self.kind = kind
    }
}

public struct WarehouseColumn: Sendable, Equatable {
    public var name: String
    public var dataType: String
    /// Precision and scale as the warehouse's catalog reports them (PostgreSQL's
    /// information_schema says 32 and 0 for an integer); nil when it does not say.
    public var numericPrecision: Int?
    public var numericScale: Int?
    /// The type and length as information_schema.columns reports them (PostgreSQL: `ARRAY`,
    /// `timestamp without time zone`, `character` and 3 for a char(3)): what dbt's Column
    /// takes as `dtype` and `char_size`. Nil where the warehouse has no such catalog.
    public var catalogType: String?
    public var charSize: Int?
    public init(name: String, dataType: String, numericPrecision: Int? = nil, numericScale: Int? = nil,
                catalogType: String? = nil, charSize: Int? = nil) {
        self.name = name
        self.dataType = dataType
        self.numericPrecision = numericPrecision
        self.numericScale = numericScale
        self.catalogType = catalogType
        self.charSize = charSize
    }
}

public struct WarehouseError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Could not connect, or the connection broke.
        case connection
        /// The database rejected a statement.
        case query
        /// The statement was cancelled (interrupt, Ctrl-C).
        case cancelled
    }
    public var kind: Kind
    public var message: String
    /// PostgreSQL's SQLSTATE, when there is one.
    public var sqlState: String?
    public init(_ kind: Kind, _ message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }
    public var description: String { message }
}

/// Cancels whatever its connection is running; safe to call from any thread (a signal handler's
/// dispatch queue, the scheduler).
public protocol Canceller: Sendable {
    func cancel()
    /// Forgets a cancel that may still be pending, so the next statement runs.
    func reset()
}

extension Canceller {
    public func reset() {}
}

/// One open session. Not thread-safe: each scheduler thread opens its own.
public protocol WarehouseConnection: AnyObject {
    var dialect: Dialect { get }
    /// Runs one or more `;`-separated statements; reports the last one.
    @discardableResult func execute(_ sql: String) throws -> ExecResult
    /// Runs a query and returns its rows (at most `limit` when given).
    func query(_ sql: String, limit: Int?) throws -> ResultTable
    /// The same, with `exactNumerics` giving numeric values as `.decimal` (for templates).
    func query(_ sql: String, limit: Int?, exactNumerics: Bool) throws -> ResultTable
    func begin() throws
    func commit() throws
    func rollback() throws
    /// The relation `schema.name`, if it exists.
    func relation(schema: String, name: String) throws -> WarehouseRelation?
    func relations(schema: String) throws -> [WarehouseRelation]
    /// Columns in declared order; empty when the relation does not exist.
    func columns(schema: String, name: String) throws -> [WarehouseColumn]
    func createSchema(_ schema: String) throws
    /// Inserts text values (nil = NULL) into an existing table, in bulk; returns the row count.
    /// The caller owns the transaction.
    func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int
    var canceller: any Canceller { get }
    func close()
}

extension WarehouseConnection {
    /// Engines without an exact numeric type (SQLite) have nothing more exact to give.
    public func query(_ sql: String, limit: Int?, exactNumerics: Bool) throws -> ResultTable { try query(sql, limit: limit) }
    public func begin() throws { try execute("begin") }
    public func commit() throws { try execute("commit") }
    public func rollback() throws { try execute("rollback") }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let value = try body()
            try commit()
            return value
        } catch {
            try? rollback()
            throw error
        }
    }
}

/// A configured warehouse: opens connections.
public protocol Warehouse: Sendable {
    var dialect: Dialect { get }
    /// Where it is, for `flowc debug` and errors ("sqlite file /…/flowc.sqlite", "postgres 127.0.0.1:5432/db").
    var location: String { get }
    func connect() throws -> any WarehouseConnection
}

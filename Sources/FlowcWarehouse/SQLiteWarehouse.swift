// The embedded SQLite warehouse. SQLite has no schemas, so a schema is an attached database
// file, as dbt-sqlite does it: `main` is the target's file, any other schema is the file named
// in `schemas_and_paths`, else `<schema_directory>/<schema>.db`. Every connection attaches the
// schema files that exist, and schemas created later by another thread's connection are
// attached before the next statement (see SQLiteSchemaRegistry).
import CSQLite
import FlowcSQL
import Foundation
import Synchronization

public struct SQLiteConfig: Sendable {
    /// The main database file (schema `main`).
    public var path: String
    /// Where new schemas' files go (default: the main file's folder).
    public var schemaDirectory: String
    /// Schema → file, from the profile's `schemas_and_paths`.
    public var schemasAndPaths: [String: String]

    public init(path: String, schemaDirectory: String? = nil, schemasAndPaths: [String: String] = [:]) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        self.schemaDirectory = schemaDirectory ?? (dir.isEmpty ? "." : dir)
        self.schemasAndPaths = schemasAndPaths
    }

    /// The file that holds `schema`.
    public func file(for schema: String) -> String {
        if schema == "main" { return path }
        if let p = schemasAndPaths[schema] { return p }
        return schemaDirectory + "/" + schema + ".db"
    }
}

public struct SQLiteWarehouse: Warehouse {
    public let config: SQLiteConfig
    public var dialect: Dialect { .sqlite }
    public var location: String { "sqlite file \(config.path)" }

    public init(config: SQLiteConfig) {
        self.config = config
    }

    public func connect() throws -> any WarehouseConnection {
        try SQLiteConnection(config: config)
    }
}

/// Schemas known to exist per main database file, shared by every connection of the process,
/// so a schema one thread creates is attached by the others before they next run SQL.
final class SQLiteSchemaRegistry: @unchecked Sendable {
    static let shared = SQLiteSchemaRegistry()
    private let lock = NSLock()
    private var schemas: [String: [String: String]] = [:]
    private var generation = 0

    func add(main: String, schema: String, file: String) {
        lock.lock()
        defer { lock.unlock() }
        if schemas[main]?[schema] == nil {
            schemas[main, default: [:]][schema] = file
            generation += 1
        }
    }

    func snapshot(main: String) -> (generation: Int, schemas: [String: String]) {
        lock.lock()
        defer { lock.unlock() }
        return (generation, schemas[main] ?? [:])
    }
}

/// Interrupts the connection's running statement; sqlite3_interrupt may be called from any
/// thread while the connection is open, and the lock keeps it from racing with close.
///
/// sqlite3_interrupt reaches only a statement already running: one that starts a moment later
/// runs to its end. So a cancel also raises a flag that the connection's progress handler
/// reads while any statement runs, until `reset()`.
final class SQLiteCanceller: Canceller, @unchecked Sendable {
    private let lock = NSLock()
    private var db: OpaquePointer?
    private let cancelled = Atomic<Bool>(false)
    init(_ db: OpaquePointer?) { self.db = db }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        lock.lock()
        defer { lock.unlock() }
        if let db { sqlite3_interrupt(db) }
    }
    func reset() { cancelled.store(false, ordering: .relaxed) }
    func detach() {
        lock.lock()
        defer { lock.unlock() }
        db = nil
    }
}

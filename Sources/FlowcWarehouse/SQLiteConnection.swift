// One SQLite session: statements through sqlite3_prepare_v2/step, rows converted by storage
// class, bulk loads through one prepared INSERT. Opened in WAL mode with a busy timeout so
// several threads' connections can share the file (writes take turns).
import CSQLite
import FlowcSQL
import Foundation

// SQLITE_TRANSIENT is a C macro Swift cannot see: it tells SQLite to copy bound text.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

public final class SQLiteConnection: WarehouseConnection {
    public let dialect = Dialect.sqlite
    let config: SQLiteConfig
    private var db: OpaquePointer?
    private let sqliteCanceller: SQLiteCanceller
    private var attached: Set<String> = ["main", "temp"]
    private var seenGeneration = -1

    init(config: SQLiteConfig) throws {
        self.config = config
        let dir = (config.path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(config.path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw WarehouseError(.connection, "cannot open SQLite database \(config.path): \(message)")
        }
        db = handle
        sqliteCanceller = SQLiteCanceller(handle)
        // Every 1,000 VM steps SQLite asks whether to stop (see SQLiteCanceller). The canceller
        // outlives the handle: close() closes the handle before the connection lets it go.
        sqlite3_progress_handler(handle, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<SQLiteCanceller>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }, Unmanaged.passUnretained(sqliteCanceller).toOpaque())
        sqlite3_busy_timeout(handle, 60_000)
        // legacy_alter_table: renaming a table must not rewrite the views that name it, or
        // swapping a rebuilt table in would point its dependants at the old copy.
        try execute("pragma journal_mode=wal; pragma legacy_alter_table=on")
        let registry = SQLiteSchemaRegistry.shared
        for (schema, file) in config.schemasAndPaths where schema != "main" {
            registry.add(main: config.path, schema: schema, file: file)
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: config.schemaDirectory) {
            for name in names where name.hasSuffix(".db") {
                let schema = String(name.dropLast(3))
                registry.add(main: config.path, schema: schema, file: config.file(for: schema))
            }
        }
        try attachKnownSchemas()
    }

    deinit { close() }

    public var canceller: any Canceller { sqliteCanceller }

    public func close() {
        sqliteCanceller.detach()
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    /// Attaches schemas created since this connection last looked.
    private func attachKnownSchemas() throws {
        let snap = SQLiteSchemaRegistry.shared.snapshot(main: config.path)
        guard snap.generation != seenGeneration else { return }
        for (schema, file) in snap.schemas.sorted(by: { $0.key < $1.key }) where !attached.contains(schema) {
            try run("attach database \(sqlStringLiteral(file)) as \(dialect.quote(schema))")
            attached.insert(schema)
        }
        seenGeneration = snap.generation
    }

    private func handle() throws -> OpaquePointer {
        guard let db else { throw WarehouseError(.connection, "the SQLite connection is closed") }
        return db
    }

    private func error(_ db: OpaquePointer, _ rc: Int32) -> WarehouseError {
        if rc == SQLITE_INTERRUPT { return WarehouseError(.cancelled, "the query was cancelled") }
        return WarehouseError(.query, String(cString: sqlite3_errmsg(db)))
    }

    /// Steps every statement in `sql`, calling `row` for each result row of each statement.
    @discardableResult
    private func run(_ sql: String, prepared: ((OpaquePointer) -> Void)? = nil,
                     row: ((OpaquePointer) throws -> Bool)? = nil) throws -> ExecResult {
        let db = try handle()
        var last = ExecResult(code: "OK", rowsAffected: 0)
        try sql.withCString { start in
            var tail: UnsafePointer<CChar>? = start
            while let current = tail, current.pointee != 0 {
                var stmt: OpaquePointer?
                let rc = sqlite3_prepare_v2(db, current, -1, &stmt, &tail)
                guard rc == SQLITE_OK else { throw error(db, rc) }
                guard let stmt else { continue }  // only whitespace or a comment was left
                defer { sqlite3_finalize(stmt) }
                prepared?(stmt)
                let before = sqlite3_total_changes64(db)
                var wantMore = true
                while true {
                    let step = sqlite3_step(stmt)
                    if step == SQLITE_DONE { break }
                    guard step == SQLITE_ROW else { throw error(db, step) }
                    if wantMore, let row { wantMore = try row(stmt) }
                }
                let readonly = sqlite3_stmt_readonly(stmt) != 0
                let changed = Int(sqlite3_total_changes64(db) - before)
                last = ExecResult(code: readonly ? "SELECT" : statementCode(sqlite3_sql(stmt)), rowsAffected: changed)
            }
        }
        return last
    }

    @discardableResult
    public func execute(_ sql: String) throws -> ExecResult {
        try attachKnownSchemas()
        return try run(sql)
    }

    public func query(_ sql: String, limit: Int?) throws -> ResultTable {
        try attachKnownSchemas()
        var columns: [ResultColumn] = []
        var rows: [[SQLValue]] = []
        // the columns come from the prepared statement, so a query returning no rows has them too
        let status = try run(sql, prepared: { stmt in
            guard rows.isEmpty, sqlite3_column_count(stmt) > 0 else { return }
            columns = (0..<Int(sqlite3_column_count(stmt))).map { i in
                let name = sqlite3_column_name(stmt, Int32(i)).map { String(cString: $0) } ?? "column\(i)"
                let type = sqlite3_column_decltype(stmt, Int32(i)).map { String(cString: $0) } ?? ""
                return ResultColumn(name: name, type: type.lowercased())
            }
        }) { stmt in
            let n = Int(sqlite3_column_count(stmt))
            if let limit, rows.count >= limit { return false }
            rows.append((0..<n).map { Self.value(stmt, Int32($0)) })
            return true
        }
        return ResultTable(columns: columns, rows: rows, status: status)
    }

    static func value(_ stmt: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(stmt, i))
        case SQLITE_TEXT: return .text(sqlite3_column_text(stmt, i).map { String(cString: $0) } ?? "")
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(stmt, i))
            guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }

    /// One name looked up, not the schema listed: materializations ask three times a model,
    /// and a listing made a run over a schema of a thousand relations quadratic.
    public func relation(schema: String, name: String) throws -> WarehouseRelation? {
        try attachKnownSchemas()
        guard attached.contains(schema) else { return nil }
        // SQLite compares names without regard to (ASCII) case, as NOCASE does
        let t = try query("select name, type from \(dialect.quote(schema)).sqlite_master where type in ('table', 'view') "
                          + "and name = \(sqlStringLiteral(name)) collate nocase", limit: 1)
        guard let row = t.rows.first, row.count == 2, case .text(let found) = row[0], case .text(let type) = row[1] else { return nil }
        return WarehouseRelation(schema: schema, name: found, kind: type == "view" ? .view : .table)
    }

    public func relations(schema: String) throws -> [WarehouseRelation] {
        try attachKnownSchemas()
        guard attached.contains(schema) else { return [] }
        let t = try query("select name, type from \(dialect.quote(schema)).sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' order by name", limit: nil)
        return t.rows.compactMap { row in
            guard row.count == 2, case .text(let name) = row[0], case .text(let type) = row[1] else { return nil }
            return WarehouseRelation(schema: schema, name: name, kind: type == "view" ? .view : .table)
        }
    }

    /// No schema: the connection's temporary table of that name (SQLite's `temp` schema).
    public func columns(schema: String, name: String) throws -> [WarehouseColumn] {
        try attachKnownSchemas()
        guard attached.contains(schema) || schema.isEmpty else { return [] }
        let t = try query("pragma \(dialect.quote(schema.isEmpty ? "temp" : schema)).table_info(\(sqlStringLiteral(name)))", limit: nil)
        return t.rows.compactMap { row in
            guard row.count >= 3, case .text(let column) = row[1] else { return nil }
            return WarehouseColumn(name: column, dataType: row[2].text.lowercased())
        }
    }

    public func createSchema(_ schema: String) throws {
        try attachKnownSchemas()
        guard !attached.contains(schema) else { return }
        let file = config.file(for: schema)
        let dir = (file as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try run("attach database \(sqlStringLiteral(file)) as \(dialect.quote(schema))")
        attached.insert(schema)
        SQLiteSchemaRegistry.shared.add(main: config.path, schema: schema, file: file)
    }

    public func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int {
        try attachKnownSchemas()
        let db = try handle()
        let sql = "insert into \(dialect.quote(schema)).\(dialect.quote(table)) (\(columns.map(dialect.quote).joined(separator: ", "))) values (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(db, rc) }
        defer { sqlite3_finalize(stmt) }
        for row in rows {
            sqlite3_reset(stmt)
            for i in 0..<columns.count {
                let value: String? = i < row.count ? row[i] : nil
                if let value {
                    sqlite3_bind_text(stmt, Int32(i + 1), value, -1, sqliteTransient)
                } else {
                    sqlite3_bind_null(stmt, Int32(i + 1))
                }
            }
            let step = sqlite3_step(stmt)
            guard step == SQLITE_DONE else { throw error(db, step) }
        }
        return rows.count
    }
}

/// The first keywords of a statement, PostgreSQL-tag style: "INSERT", "CREATE TABLE", …
private func statementCode(_ sql: UnsafePointer<CChar>?) -> String {
    guard let sql else { return "OK" }
    // past leading comments (a query comment comes first)
    var text = Substring(String(cString: sql))
    while true {
        text = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        if text.hasPrefix("/*"), let end = text.range(of: "*/") {
            text = text[end.upperBound...]
        } else if text.hasPrefix("--") {
            text = text.drop { $0 != "\n" }
        } else {
            break
        }
    }
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" })
        .prefix(4).map { $0.uppercased() }
    guard let first = words.first else { return "OK" }
    switch first {
    case "INSERT", "UPDATE", "DELETE", "SELECT", "WITH": return first == "WITH" ? "OK" : first
    case "CREATE", "DROP", "ALTER":
        let kinds = ["TABLE", "VIEW", "INDEX", "TRIGGER"]
        if let kind = words.dropFirst().first(where: { kinds.contains($0) }) { return "\(first) \(kind)" }
        return first
    default: return "OK"
    }
}

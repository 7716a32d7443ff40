// One libpq session: connect with PQconnectdbParams, run SQL with PQexec, read rows, and close.
// Catalog lookups are in PostgresCatalog.swift, bulk loading in PostgresCopy.swift.
import CLibPQ
import FlowcSQL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL session. Not thread-safe (libpq connections are not), and deliberately not
/// `Sendable`: one thread uses it; another may stop its statement through `canceller`.
public final class PostgresConnection: WarehouseConnection {
    public let config: PostgresConfig
    public var dialect: Dialect { .postgres }
    /// The `PGconn`; nil once closed.
    var conn: OpaquePointer?
    private let cancellerObject: PostgresCanceller
    public var canceller: any Canceller { cancellerObject }

    /// Connects; throws `WarehouseError(.connection, "could not connect to PostgreSQL at host:port/db: …")`.
    public init(config: PostgresConfig) throws {
        self.config = config
        let params = config.libpqParameters
        if let bad = params.first(where: { $0.1.utf8.contains(0) }) {
            throw WarehouseError(.connection, "could not connect to PostgreSQL at \(config.serverDisplay): "
                                 + "the \(bad.0) contains a NUL character")
        }
        // libpq is loaded by the first connection (CLibPQ/libpq_loader.c)
        if let problem = flowc_libpq_problem() {
            throw WarehouseError(.connection, "could not connect to PostgreSQL at \(config.serverDisplay): " + String(cString: problem))
        }
        // Keywords and values go to libpq as separate C strings (never one conninfo string), so
        // quotes, spaces and backslashes in a password need no escaping. expand_dbname = 0: the
        // database name is a name, never parsed as a conninfo string or URL.
        let conn = withCStrings(params.map(\.0)) { keywords in
            withCStrings(params.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 0)
            }
        }
        guard let conn else {
            throw WarehouseError(.connection, "could not connect to PostgreSQL at \(config.serverDisplay): "
                                 + "libpq could not allocate a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            var message = PostgresErrors.connectionMessage(conn)
            if message.isEmpty { message = "unknown error" }
            PQfinish(conn)
            throw WarehouseError(.connection, "could not connect to PostgreSQL at \(config.serverDisplay): \(message)")
        }
        // By default libpq prints NOTICEs ("schema … already exists, skipping") to stderr; flowc
        // does not show them.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        self.conn = conn
        self.cancellerObject = PostgresCanceller(handle: PQgetCancel(conn))
    }

    deinit {
        close()
    }

    /// Closes the session; later calls do nothing, and statements throw `.connection`.
    public func close() {
        cancellerObject.invalidate()
        if let conn {
            PQfinish(conn)
            self.conn = nil
        }
    }

    // MARK: Statements

    /// Runs one or more `;`-separated statements with PQexec (one implicit transaction unless they
    /// say otherwise); reports the last statement's command tag. A failing statement stops the rest.
    @discardableResult
    public func execute(_ sql: String) throws -> ExecResult {
        let conn = try open()
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        try check(result, conn: conn)
        return commandResult(result)
    }

    /// Runs a query with PQexec and converts its rows by column type (see `PostgresTypes.value`).
    /// All rows are fetched from the server; `limit` caps how many are returned (the SQL is not
    /// rewritten). A statement that returns no rows gives an empty table.
    public func query(_ sql: String, limit: Int?) throws -> ResultTable {
        try query(sql, limit: limit, exactNumerics: false)
    }

    public func query(_ sql: String, limit: Int?, exactNumerics: Bool) throws -> ResultTable {
        let conn = try open()
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        try check(result, conn: conn)
        var t = table(result, limit: limit, exactNumerics: exactNumerics)
        t.status = commandResult(result)
        return t
    }

    /// Runs one statement with text parameters `$1`, `$2`, … (PQexecParams), returning its rows.
    func query(_ sql: String, parameters: [String]) throws -> ResultTable {
        let conn = try open()
        let result = withCStrings(parameters) { values in
            PQexecParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, conn: conn)
        return table(result, limit: nil)
    }

    public func createSchema(_ schema: String) throws {
        let conn = try open()
        let result = PQexec(conn, "create schema if not exists " + Dialect.postgres.quote(schema))
        defer { PQclear(result) }
        do {
            try check(result, conn: conn)
        } catch let error as WarehouseError {
            // Two sessions creating the same schema at once: one of them can fail with a unique
            // violation despite "if not exists". Outside a transaction the schema now exists and
            // nothing was aborted, so that is success; inside one, the transaction is aborted and
            // the caller must hear of it.
            let raced = error.sqlState == "23505" || error.sqlState == "42P06"
            guard raced, PQtransactionStatus(conn) == PQTRANS_IDLE else { throw error }
        }
    }

    // MARK: Helpers

    func open() throws -> OpaquePointer {
        guard let conn else {
            throw WarehouseError(.connection, "the PostgreSQL connection to \(config.serverDisplay) is closed")
        }
        return conn
    }

    /// Throws unless `result` is a success. A statement that starts a COPY to or from the client
    /// (only `load` uses COPY) is ended first, so the session stays usable.
    func check(_ result: OpaquePointer?, conn: OpaquePointer) throws {
        guard let result else {
            throw PostgresErrors.error(result: nil, conn: conn, server: config.serverDisplay)
        }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
            return
        }
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            endUnexpectedCopy(conn: conn, status: status)
            throw WarehouseError(.query, "COPY to or from the client is not supported in a statement; "
                                 + "flowc loads data with its own COPY")
        }
        throw PostgresErrors.error(result: result, conn: conn, server: config.serverDisplay)
    }

    /// Ends a COPY the server started in response to a user's statement, and drains its results.
    private func endUnexpectedCopy(conn: OpaquePointer, status: ExecStatusType) {
        if status == PGRES_COPY_IN {
            _ = PQputCopyEnd(conn, "COPY FROM STDIN is not supported here")
        } else {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(conn, &buffer, 0) > 0 {
                PQfreemem(buffer)
                buffer = nil
            }
        }
        drainResults(conn)
    }

    /// Reads and frees the results still pending, so the connection accepts the next command.
    func drainResults(_ conn: OpaquePointer) {
        while let r = PQgetResult(conn) {
            let status = PQresultStatus(r)
            PQclear(r)
            // A COPY_BOTH (replication) stream cannot be ended here; stop rather than loop.
            if status == PGRES_COPY_BOTH || status == PGRES_COPY_IN || status == PGRES_COPY_OUT { break }
        }
    }

    func commandResult(_ result: OpaquePointer?) -> ExecResult {
        guard let result else { return ExecResult(code: "OK", rowsAffected: 0) }
        let tag = PostgresErrors.cString(PQcmdStatus(result)) ?? ""
        let tuples = PostgresErrors.cString(PQcmdTuples(result)) ?? ""
        return CommandTag.parse(tag: tag, tuples: tuples)
    }

    func table(_ result: OpaquePointer?, limit: Int?, exactNumerics: Bool = false) -> ResultTable {
        guard let result, PQresultStatus(result) == PGRES_TUPLES_OK else {
            return ResultTable(columns: [], rows: [])
        }
        let columnCount = max(0, PQnfields(result))
        var rowCount = max(0, PQntuples(result))
        if let limit { rowCount = min(rowCount, Int32(clamping: max(0, limit))) }
        var columns: [ResultColumn] = []
        var oids: [UInt32] = []
        for c in 0..<columnCount {
            let oid = PQftype(result, c)
            oids.append(oid)
            columns.append(ResultColumn(name: PostgresErrors.cString(PQfname(result, c)) ?? "",
                                        type: PostgresTypes.name(oid: oid, typmod: PQfmod(result, c))))
        }
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            var row: [SQLValue] = []
            row.reserveCapacity(Int(columnCount))
            for (c, oid) in zip(0..<columnCount, oids) {
                if PQgetisnull(result, r, c) != 0 {
                    row.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, r, c))
                guard let p = PQgetvalue(result, r, c) else {
                    row.append(.null)
                    continue
                }
                let text = p.withMemoryRebound(to: UInt8.self, capacity: max(length, 0)) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: max(length, 0)), as: UTF8.self)
                }
                // dbt's agate reads a numeric as the Decimal of its exact text; a float comes as
                // .double, which templates read as Decimal(repr(float)), as psycopg2 and agate
                // do: PostgreSQL prints a whole float8 as `12`, Python as `12.0`
                row.append(exactNumerics && oid == PostgresTypes.numeric
                           && PostgresTypes.parseDouble(text)?.isFinite == true ? .decimal(text) : PostgresTypes.value(text, oid: oid))
            }
            rows.append(row)
        }
        return ResultTable(columns: columns, rows: rows)
    }
}

/// Calls `body` with a C array of C strings for `strings`, followed by a NULL entry (which
/// PQconnectdbParams needs and PQexecParams ignores). The copies are freed afterwards.
public func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { buffer in
        // A non-empty array's buffer always has a base address; the fallback keeps this total.
        guard let base = buffer.baseAddress else {
            var null: UnsafePointer<CChar>? = nil
            return withUnsafePointer(to: &null) { body($0) }
        }
        return body(base)
    }
}

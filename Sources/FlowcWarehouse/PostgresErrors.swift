// libpq's error reports → `WarehouseError`: the server's report as psycopg2 (and so dbt) shows
// it — the primary message, then the LINE of the statement with a caret under the error, DETAIL,
// HINT and CONTEXT lines — the SQLSTATE, and the kind (cancelled, connection lost, or a
// rejected statement).
import CLibPQ

enum PostgresErrors {
    // PG_DIAG_* field codes (postgres_ext.h); character-literal macros do not import into Swift.
    static let sqlState = Int32(UInt8(ascii: "C"))
    static let primary = Int32(UInt8(ascii: "M"))
    static let detail = Int32(UInt8(ascii: "D"))
    static let hint = Int32(UInt8(ascii: "H"))
    static let severity = Int32(UInt8(ascii: "S"))

    /// SQLSTATE 57014 query_canceled: a cancel request (or statement_timeout) stopped the statement.
    static let queryCanceled = "57014"

    /// The error a failed result reports. `conn` tells a broken connection from a rejected statement.
    static func error(result: OpaquePointer?, conn: OpaquePointer?, server: String) -> WarehouseError {
        let state = result.flatMap { cString(PQresultErrorField($0, sqlState)) }
        var message = result.map(report) ?? ""
        if message.isEmpty { message = result.flatMap { cString(PQresultErrorField($0, primary)) } ?? "" }
        if message.isEmpty { message = connectionMessage(conn) }
        if message.isEmpty { message = "PostgreSQL reported an error without a message" }
        if state == queryCanceled { return WarehouseError(.cancelled, message, sqlState: state) }
        // Class 08 (connection exception), 57P01–57P03 (server shutting down), or a socket libpq
        // found closed: the session is gone, not just this statement.
        let lost = state.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } ?? false
        if lost || conn == nil || PQstatus(conn) == CONNECTION_BAD {
            return WarehouseError(.connection, "lost the connection to PostgreSQL at \(server): \(message)",
                                  sqlState: state)
        }
        return WarehouseError(.query, message, sqlState: state)
    }

    /// The result's whole report (PQresultErrorMessage) without its leading `ERROR:  `, as
    /// psycopg2's str(error) gives it; trailing blank space trimmed.
    static func report(_ result: OpaquePointer) -> String {
        guard var text = cString(PQresultErrorMessage(result)) else { return "" }
        if let level = cString(PQresultErrorField(result, severity)), text.hasPrefix(level + ":  ") {
            text.removeFirst(level.count + 3)
        }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    /// libpq's connection-level message (PQerrorMessage), trimmed.
    static func connectionMessage(_ conn: OpaquePointer?) -> String {
        guard let conn, let m = cString(PQerrorMessage(conn)) else { return "" }
        return trim(m)
    }

    static func cString(_ p: UnsafePointer<CChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    static func cString(_ p: UnsafeMutablePointer<CChar>?) -> String? {
        cString(UnsafePointer(p))
    }

    static func trim(_ s: String) -> String { String(s.trimmingWhitespace()) }
}

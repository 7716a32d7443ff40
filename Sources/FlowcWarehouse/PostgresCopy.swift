// Bulk loading rows (seeds) with `COPY … FROM STDIN` in CSV format.
import CLibPQ
import FlowcSQL

extension PostgresConnection {
    /// Sends rows to `COPY "schema"."table" ("c1", …) FROM STDIN WITH (FORMAT csv)`: nil → NULL,
    /// "" → empty string, any text (quotes, commas, newlines, backslashes) exactly. Every row must
    /// have one value per column. Returns the number of rows loaded. The caller owns the transaction.
    public func load(into schema: String, table: String, columns: [String], rows: [[String?]]) throws -> Int {
        let conn = try open()
        let target = Dialect.postgres.quote(schema) + "." + Dialect.postgres.quote(table)
        guard !columns.isEmpty else {
            if rows.isEmpty { return 0 }
            throw WarehouseError(.query, "cannot load rows into \(target): no columns given")
        }
        for (i, row) in rows.enumerated() where row.count != columns.count {
            throw WarehouseError(.query, "cannot load into \(target): row \(i + 1) has \(row.count) values "
                                 + "for \(columns.count) columns")
        }
        let columnList = columns.map(Dialect.postgres.quote).joined(separator: ", ")
        let start = PQexec(conn, "copy \(target) (\(columnList)) from stdin with (format csv)")
        let startStatus = start.map(PQresultStatus)
        if startStatus != PGRES_COPY_IN {
            defer { PQclear(start) }
            try check(start, conn: conn)
            // A success that is not COPY_IN cannot happen for this statement; say so if it does.
            throw WarehouseError(.query, "COPY into \(target) did not start")
        }
        PQclear(start)

        // Rows go out in chunks of about 1 MB; libpq buffers and sends them.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var sendError: String?
        for row in rows {
            CopyCSV.append(row, to: &buffer)
            if buffer.count >= 1 << 20 {
                sendError = send(buffer, conn: conn)
                buffer.removeAll(keepingCapacity: true)
                if sendError != nil { break }
            }
        }
        if sendError == nil, !buffer.isEmpty { sendError = send(buffer, conn: conn) }

        if PQputCopyEnd(conn, nil) != 1 && sendError == nil {
            sendError = PostgresErrors.connectionMessage(conn)
        }
        // The COPY's outcome is the first result; the rest are drained so the session stays usable.
        let end = PQgetResult(conn)
        defer {
            PQclear(end)
            drainResults(conn)
        }
        if let sendError {
            throw WarehouseError(.connection, "lost the connection to PostgreSQL at \(config.serverDisplay) "
                                 + "while loading \(target): \(sendError)")
        }
        try check(end, conn: conn)
        return commandResult(end).rowsAffected
    }

    /// Queues `bytes` as COPY data (in pieces that fit PQputCopyData's `int` length, should one
    /// row be that long); returns libpq's message on failure.
    private func send(_ bytes: [UInt8], conn: OpaquePointer) -> String? {
        let piece = 1 << 30
        let ok = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c -> Bool in
                guard let base = c.baseAddress else { return true }
                var offset = 0
                while offset < c.count {
                    let n = min(piece, c.count - offset)
                    if PQputCopyData(conn, base + offset, Int32(n)) != 1 { return false }
                    offset += n
                }
                return true
            }
        }
        if ok { return nil }
        let message = PostgresErrors.connectionMessage(conn)
        return message.isEmpty ? "PQputCopyData failed" : message
    }
}

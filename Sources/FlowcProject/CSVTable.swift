// CSV text (seed files, unit-test fixtures): RFC 4180 parsing with quoted fields, doubled
// quotes, newlines inside quotes, CRLF and a configurable delimiter. Empty unquoted cells are
// NULL (nil), as dbt reads them.

public struct CSVError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

public struct CSVTable: Sendable {
    /// agate's deduplicate: a name seen before becomes name_2 (name_3, …), as dbt names a
    /// seed's or a query result's columns.
    public static func agateNames(_ names: [String]) -> [String] {
        var taken: Set<String> = []
        return names.map { n in
            var name = n
            var k = 2
            while taken.contains(name) { name = "\(n)_\(k)"; k += 1 }
            taken.insert(name)
            return name
        }
    }

    public var header: [String]
    /// nil = empty cell (NULL).
    public var rows: [[String?]]
}

extension CSVTable {
    /// `asAgate`: read as dbt's seeds are (Python's csv, then agate): a blank line is a row of
    /// NULLs and a short row is padded with NULLs. Otherwise (unit-test fixtures, which dbt reads
    /// with csv.DictReader) blank lines are skipped and a short row is an error.
    public static func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), file: String,
                             asAgate: Bool = false) throws -> CSVTable {
        var records: [[String?]] = []
        var record: [String?] = []
        var field: [UInt8] = []
        var quoted = false       // the current field started with a quote
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func endField() {
            record.append(field.isEmpty && !quoted ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0] == nil) {
                records.append(record)
            } else if asAgate && !records.isEmpty {
                records.append([])  // a blank line after the header: a row of NULLs
            }
            record = []
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else if b == UInt8(ascii: "\r") {
                    // line ends inside quotes read as Python's universal newlines read them, as dbt
                    // does: CRLF and a lone CR are \n
                    if !(i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")) { field.append(UInt8(ascii: "\n")) }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if b == delimiter {
                endField()
            } else if b == UInt8(ascii: "\n") {
                endRecord()
                line += 1
                recordLine = line
            } else if b == UInt8(ascii: "\r") {
                // CRLF: the \n ends the record
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw CSVError(file: file, line: recordLine, message: "a quoted field is not closed before the end of the file")
        }
        if !field.isEmpty || quoted || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw CSVError(file: file, line: 1, message: "the file is empty; it needs a header row")
        }
        var names = header.enumerated().map { $0.element ?? "column_\($0.offset + 1)" }
        if asAgate {
            names = CSVTable.agateNames(names)
        } else {
            var seen: Set<String> = []
            for n in names where !seen.insert(n.lowercased()).inserted {
                throw CSVError(file: file, line: 1, message: "column '\(n)' appears twice in the header")
            }
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(records.count - 1)
        for (index, var r) in records.dropFirst().enumerated() {
            if asAgate && r.count < names.count { r += Array(repeating: nil, count: names.count - r.count) }
            guard r.count == names.count else {
                throw CSVError(file: file, line: index + 2,
                                message: "row has \(r.count) field\(r.count == 1 ? "" : "s"), the header has \(names.count)")
            }
            rows.append(r)
        }
        return CSVTable(header: names, rows: rows)
    }
}

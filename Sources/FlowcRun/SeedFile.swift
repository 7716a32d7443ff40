// Seed CSV files: RFC 4180 parsing (quoted fields, doubled quotes, newlines inside quotes,
// CRLF, a configurable delimiter) and dbt's column type inference (integer, number, boolean,
// date, datetime, else text; empty cells are NULL and do not vote).

struct SeedError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var message: String
    var description: String { "\(file):\(line): \(message)" }
}

struct SeedTable {
    var header: [String]
    /// nil = empty cell (NULL).
    var rows: [[String?]]
}

enum SeedFile {
    static func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), file: String) throws -> SeedTable {
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
            if !(record.count == 1 && record[0] == nil) { records.append(record) }
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
            throw SeedError(file: file, line: recordLine, message: "a quoted field is not closed before the end of the file")
        }
        if !field.isEmpty || quoted || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw SeedError(file: file, line: 1, message: "the seed file is empty; it needs a header row")
        }
        let names = header.enumerated().map { $0.element ?? "column_\($0.offset + 1)" }
        var seen: Set<String> = []
        for n in names where !seen.insert(n.lowercased()).inserted {
            throw SeedError(file: file, line: 1, message: "column '\(n)' appears twice in the header")
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(records.count - 1)
        for (index, r) in records.dropFirst().enumerated() {
            guard r.count == names.count else {
                throw SeedError(file: file, line: index + 2,
                                message: "row has \(r.count) field\(r.count == 1 ? "" : "s"), the header has \(names.count)")
            }
            rows.append(r)
        }
        return SeedTable(header: names, rows: rows)
    }

    /// The inferred kind of each column: integer, number, boolean, date, datetime or text.
    static func inferKinds(_ table: SeedTable) -> [String] {
        table.header.indices.map { c in
            var kinds: Set<String> = ["integer", "number", "boolean", "date", "datetime"]
            for row in table.rows {
                guard let v = row[c] else { continue }
                if kinds.contains("integer") && !isInteger(v) { kinds.remove("integer") }
                if kinds.contains("number") && !isNumber(v) { kinds.remove("number") }
                if kinds.contains("boolean") && !["true", "false"].contains(v.lowercased()) { kinds.remove("boolean") }
                if kinds.contains("date") && !isDate(v) { kinds.remove("date") }
                if kinds.contains("datetime") && !isDateTime(v) { kinds.remove("datetime") }
                if kinds.isEmpty { break }
            }
            // a column of only NULLs is text, as agate has it
            if table.rows.allSatisfy({ $0[c] == nil }) { return "text" }
            for k in ["integer", "number", "boolean", "date", "datetime"] where kinds.contains(k) { return k }
            return "text"
        }
    }

    static func isInteger(_ s: String) -> Bool {
        var u = Substring(s.trimmingSpaces)
        if u.hasPrefix("-") || u.hasPrefix("+") { u = u.dropFirst() }
        return !u.isEmpty && u.count <= 18 && u.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isNumber(_ s: String) -> Bool {
        let t = s.trimmingSpaces
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return false }
        return Double(t) != nil
    }

    static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { b[$0] >= 48 && b[$0] <= 57 }
    }

    static func isDateTime(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 19, isDate(String(decoding: b[0..<10], as: UTF8.self)),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return false }
        return [11, 12, 14, 15, 17, 18].allSatisfy { b[$0] >= 48 && b[$0] <= 57 }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

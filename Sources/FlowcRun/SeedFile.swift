// Seed CSV files: parsed by CSVTable, then dbt's column type inference (integer, number,
// boolean, date, datetime, else text; empty cells are NULL and do not vote).
import FlowcProject

typealias SeedError = CSVError
typealias SeedTable = CSVTable

enum SeedFile {
    static func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), file: String) throws -> SeedTable {
        try CSVTable.parse(text, delimiter: delimiter, file: file)
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

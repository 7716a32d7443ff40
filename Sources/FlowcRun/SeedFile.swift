// Seed CSV files: parsed by CSVTable, then typed as dbt types them (agate's type tester, in
// dbt's order: number, date, datetime, ISO datetime, boolean, else text). Empty cells and
// `null` are NULL and do not vote; a column of only NULLs is an integer column. A number column
// is integer when no value has non-zero digits after the point (`100.0` is whole, as agate's
// MaxPrecision counts), else a float, and its cells are loaded as
// the numbers agate reads: `50%` is 50, `$1,200.50` is 1200.50, `1e3` is 1000.
import FlowcProject

typealias SeedError = CSVError
typealias SeedTable = CSVTable

enum SeedFile {
    static func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), file: String) throws -> SeedTable {
        try CSVTable.parse(text, delimiter: delimiter, file: file, asAgate: true)
    }

    /// The inferred kind of each column: integer, number, boolean, date, datetime or text. A
    /// datetime column is all `%Y-%m-%d %H:%M:%S` (SeedDate) or all ISO 8601 (`…T…`): agate
    /// reads each form with its own type, so a column mixing them is text.
    static func inferKinds(_ table: SeedTable) -> [String] {
        table.header.indices.map { c in
            var kinds: Set<String> = ["number", "date", "datetime", "isodatetime", "boolean"]
            var scale = 0, digits = 0
            var seen = false
            for row in table.rows {
                guard let v = row[c], !isNull(v) else { continue }
                seen = true
                if kinds.contains("number") {
                    if let n = number(v) {
                        scale = max(scale, n.scale)
                        digits = max(digits, n.text.utf8.count { $0 >= 48 && $0 <= 57 })
                    } else {
                        kinds.remove("number")
                    }
                }
                if kinds.contains("boolean") && !["true", "false"].contains(v.trimmingSpaces.lowercased()) { kinds.remove("boolean") }
                if kinds.contains("date") && SeedDate.parse(v, time: false) == nil { kinds.remove("date") }
                if kinds.contains("datetime") && SeedDate.parse(v, time: true) == nil { kinds.remove("datetime") }
                if kinds.contains("isodatetime") && !isISODateTime(v) { kinds.remove("isodatetime") }
                if kinds.isEmpty { break }
            }
            // agate's first type, Integer, takes a column with no values
            if !seen { return "integer" }
            // an integer column's values must fit 64 bits; larger ones load as floats, which hold
            // them, where dbt's integer column would overflow
            if kinds.contains("number") { return scale == 0 && digits <= 18 ? "integer" : "number" }
            for k in ["date", "datetime", "isodatetime", "boolean"] where kinds.contains(k) { return k == "isodatetime" ? "datetime" : k }
            return "text"
        }
    }

    /// The cells to load: NULL for `null`, numbers as plain decimals in number columns, dates
    /// and `%Y-%m-%d %H:%M:%S` datetimes zero-padded (dbt loads the Python values agate read).
    /// Columns with a configured type (`skip`) load their text as it is.
    static func loadedRows(_ table: SeedTable, kinds: [String], skip: Set<Int>) -> [[String?]] {
        var rows = table.rows
        for r in rows.indices {
            for c in rows[r].indices where !skip.contains(c) {
                guard let v = rows[r][c] else { continue }
                if isNull(v) {
                    rows[r][c] = nil
                } else if kinds[c] == "integer", let n = number(v) {
                    // `100.0` in an integer column: its fraction is all zeros
                    rows[r][c] = n.text.split(separator: ".").first.map(String.init) ?? n.text
                } else if kinds[c] == "number", let n = number(v) {
                    rows[r][c] = n.text
                } else if kinds[c] == "date", let d = SeedDate.parse(v, time: false) {
                    rows[r][c] = d.loaded
                } else if kinds[c] == "datetime", let d = SeedDate.parse(v, time: true) {
                    // ISO 8601 values (the other datetime form) load as written
                    rows[r][c] = d.loadedDateTime
                }
            }
        }
        return rows
    }

    /// agate's null values, as dbt gives them: the empty string and `null`, in any case.
    static func isNull(_ s: String) -> Bool {
        let t = s.trimmingSpaces
        return t.isEmpty || t.lowercased() == "null"
    }

    /// A number as agate's Number reads it: surrounding `%` and currency symbols dropped, a
    /// leading `-`, `,` as the group separator, then a decimal literal (an exponent allowed).
    /// Returns the value as plain decimal text and its digits after the point that are not
    /// trailing zeros.
    static func number(_ s: String) -> (text: String, scale: Int)? {
        var t = Substring(s.trimmingSpaces)
        while t.first == "%" { t = t.dropFirst() }
        while t.last == "%" { t = t.dropLast() }
        var negative = false
        if t.first == "-" { negative = true; t = t.dropFirst() }
        let currency: Set<Character> = ["؋", "$", "ƒ", "៛", "¥", "₡", "₱", "£", "€", "¢", "﷼", "₪", "₩", "₭", "₮", "₦", "฿", "₤", "₫"]
        while let f = t.first, currency.contains(f) { t = t.dropFirst() }
        while let l = t.last, currency.contains(l) { t = t.dropLast() }
        let literal = t.filter { $0 != "," }
        // Decimal(): [+|-] digits [. digits] [e [+|-] digits], with at least one digit
        var chars = Substring(literal)
        var sign = ""
        if chars.first == "+" { chars = chars.dropFirst() } else if chars.first == "-" { sign = "-"; chars = chars.dropFirst() }
        let mantissa = chars.prefix { $0 != "e" && $0 != "E" }
        var exponent = 0
        if mantissa.count < chars.count {
            var e = chars.dropFirst(mantissa.count + 1)
            var eNegative = false
            if e.first == "+" { e = e.dropFirst() } else if e.first == "-" { eNegative = true; e = e.dropFirst() }
            guard !e.isEmpty, e.count <= 4, e.allSatisfy({ $0.isASCII && $0.isNumber }), let x = Int(e) else { return nil }
            exponent = eNegative ? -x : x
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let whole = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        guard !(whole + fraction).isEmpty else { return nil }
        // shift the point by the exponent
        var digits = whole + fraction
        var point = whole.count + exponent
        if point < 0 { digits = String(repeating: "0", count: -point) + digits; point = 0 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var intPart = String(digits.prefix(point)).drop { $0 == "0" }
        let fracPart = String(digits.dropFirst(point))
        if intPart.isEmpty { intPart = "0" }
        // agate's MaxPrecision counts the places of the normalised Decimal: `100.0` has none, so a
        // column of such values is an integer column, as in dbt
        let scale = fracPart.reversed().drop { $0 == "0" }.count
        let isZero = (intPart + fracPart).allSatisfy { $0 == "0" }
        let minus = (negative != (sign == "-")) && !isZero ? "-" : ""
        return (minus + intPart + (fracPart.isEmpty ? "" : "." + fracPart), scale)
    }

    /// `YYYY-MM-DD` with every digit, the date part of ISO 8601 (isodate's reading).
    static func isDate(_ s: String) -> Bool {
        let b = Array(s.trimmingSpaces.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { b[$0] >= 48 && b[$0] <= 57 }
    }

    /// ISO 8601 with a "T" (seconds, fractions and a zone optional), as dbt's ISODateTime reads
    /// it; the `YYYY-MM-DD HH:MM:SS` form is SeedDate's.
    static func isISODateTime(_ s: String) -> Bool {
        let t = s.trimmingSpaces
        let b = Array(t.utf8)
        guard b.count >= 16, isDate(String(decoding: b[0..<10], as: UTF8.self)),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":") else { return false }
        let digit = { (i: Int) in i < b.count && b[i] >= 48 && b[i] <= 57 }
        guard [11, 12, 14, 15].allSatisfy(digit) else { return false }
        var i = 16
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard digit(17), digit(18) else { return false }
            i = 19
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                guard digit(i) else { return false }
                while digit(i) { i += 1 }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), digit(i + 1), digit(i + 2) else { return false }
        let rest = b.count - (i + 3)
        return rest == 0 || (rest == 2 && digit(i + 3) && digit(i + 4)) || (rest == 3 && b[i + 3] == UInt8(ascii: ":") && digit(i + 4) && digit(i + 5))
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

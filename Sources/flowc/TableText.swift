// Query rows as `flowc show` and `seed --show` print them: agate's print_table as dbt calls
// it (at most 6 columns, cells cut to 20 characters, numbers to 3 decimal places with `…`),
// and as dbt's `show --output json` lists them.
import FlowcGraph
import FlowcProject
import FlowcWarehouse
import Foundation

enum TableText {
    /// Rows as dbt's `show --output json` lists them: one object per row, typed values.
    static func json(_ t: ResultTable) -> JSON {
        .array(t.rows.map { row in
            var o = JSONObject()
            for (i, c) in t.columns.enumerated() {
                switch i < row.count ? row[i] : .null {
                case .null: o[c.name] = .null
                case .int(let v): o[c.name] = .int(Int(v))
                case .double(let v): o[c.name] = .double(v)
                case .bool(let v): o[c.name] = .bool(v)
                case .text(let v): o[c.name] = .string(v)
                case .blob(let v): o[c.name] = .string(v.map { String(format: "%02x", $0) }.joined())
                case .decimal(let v): o[c.name] = Double(v).map { .double($0) } ?? .string(v)
                }
            }
            return .object(o)
        })
    }

    /// How agate types a column of dbt's result table (dbt_common's type tester): text is
    /// left-justified, everything else right-justified; numbers are formatted, integers not.
    enum Kind { case integer, number, boolean, text }

    static func kind(_ values: [SQLValue], type: String) -> Kind {
        var kind = Kind.integer  // a column of NULLs only is an Integer column to agate
        for v in values {
            switch v {
            case .null: continue
            case .int: if kind == .boolean { return .text }
            case .double, .decimal:
                if kind == .boolean { return .text }
                kind = .number
            case .bool:
                if kind != .boolean && values.contains(where: { if case .int = $0 { return true }; if case .double = $0 { return true }; if case .decimal = $0 { return true }; return false }) { return .text }
                kind = .boolean
            case .text, .blob: return .text
            }
        }
        return kind
    }

    /// Whether a text column holds what psycopg2 gives as date or datetime objects (agate
    /// right-justifies those).
    static func isDateType(_ type: String) -> Bool {
        let t = type.lowercased()
        return t == "date" || t.hasPrefix("timestamp")
    }

    static let maxColumns = 6, maxWidth = 20, maxPlaces = 3

    /// `maxColumns` nil shows every column (seed --show); `moreRows` adds agate's row of `...`
    /// saying rows were left out.
    static func render(_ t: ResultTable, maxColumns: Int? = TableText.maxColumns, moreRows: Bool = false) -> String {
        let shown = Array(t.columns.prefix(maxColumns ?? t.columns.count))
        let truncatedColumns = t.columns.count > shown.count
        func cut(_ s: String) -> String { s.count > maxWidth ? String(s.prefix(maxWidth - 3)) + "..." : s }
        var header = shown.map { cut($0.name) }
        var rightJustified: [Bool] = []
        var columns: [[String]] = []
        for (i, c) in shown.enumerated() {
            let values = t.rows.map { i < $0.count ? $0[i] : .null }
            let kind = kind(values, type: c.type)
            rightJustified.append(kind != .text || isDateType(c.type))
            if kind == .number {
                columns.append(NumberCells.format(values, maxPlaces: maxPlaces).map(cut))
            } else {
                columns.append(values.map { v in if case .null = v { return "" }; return cut(v.text) })
            }
        }
        if truncatedColumns {
            header.append("...")
            rightJustified.append(false)
            columns.append(Array(repeating: "...", count: t.rows.count))
        }
        var widths = header.map(\.count)
        for (i, column) in columns.enumerated() { for cell in column { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            "|" + cells.enumerated().map { i, v in
                let pad = String(repeating: " ", count: max(0, widths[i] - v.count))
                return " " + (rightJustified[i] ? pad + v : v + pad) + " "
            }.joined(separator: "|") + "|"
        }
        var out = [line(header), "| " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " | ") + " |"]
        for r in 0..<t.rows.count { out.append(line(columns.map { r < $0.count ? $0[r] : "" })) }
        if moreRows { out.append(line(header.map { _ in "..." })) }
        return out.joined(separator: "\n")
    }
}

/// A Number column's cells as agate prints them: every cell with the column's decimal places
/// (the most any value has, at most `maxPlaces`, then each cell ends in `…`), rounded half to
/// even, thousands grouped with commas (babel's `#,##0.000` pattern).
enum NumberCells {
    /// A value's decimal digits: sign, digits without leading or trailing zeros, and the power
    /// of ten of the last digit. Nil for what is not a finite number.
    struct Parsed {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int
    }

    static func parse(_ v: SQLValue) -> Parsed? {
        let text: String
        switch v {
        case .int(let i): text = String(i)
        case .double(let d):
            guard d.isFinite else { return nil }
            text = "\(d)"
        case .decimal(let s): text = s
        default: return nil
        }
        var s = Substring(text)
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]) else { return nil }
            exponent = x
            s = s[..<e]
        }
        var digits: [UInt8] = []
        var seenPoint = false
        for ch in s {
            if ch == "." { seenPoint = true; continue }
            guard let d = ch.wholeNumberValue, d < 10 else { return nil }
            digits.append(UInt8(d))
            if seenPoint { exponent -= 1 }
        }
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits == [0] { exponent = 0 }
        return Parsed(negative: negative, digits: digits, exponent: exponent)
    }

    static func format(_ values: [SQLValue], maxPlaces: Int) -> [String] {
        let parsed = values.map(parse)
        let most = parsed.compactMap { $0.map { max(0, -$0.exponent) } }.max() ?? 0
        let places = min(most, maxPlaces)
        let ellipsis = most > maxPlaces ? "…" : ""
        return zip(values, parsed).map { v, p in
            if case .null = v { return "" }
            guard let p else { return v.text }
            return text(p, places: places) + ellipsis
        }
    }

    /// `p` rounded half to even to `places` decimals, grouped.
    static func text(_ p: Parsed, places: Int) -> String {
        // the digits as an integer count of 10^-places
        var digits = p.digits
        let shift = p.exponent + places
        if shift >= 0 {
            digits += Array(repeating: 0, count: shift)
        } else {
            let dropped = -shift
            let kept = digits.count > dropped ? Array(digits[..<(digits.count - dropped)]) : []
            let rest = digits.count > dropped ? Array(digits[(digits.count - dropped)...])
                                              : Array(repeating: 0, count: dropped - digits.count) + digits
            digits = kept.isEmpty ? [0] : kept
            // half to even: up when the rest is over half, or exactly half and the last kept digit is odd
            let first = rest.first ?? 0
            let tailNonZero = rest.dropFirst().contains { $0 != 0 }
            if first > 5 || (first == 5 && (tailNonZero || (digits.last ?? 0) % 2 == 1)) {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0) }
            }
        }
        if digits.count <= places { digits = Array(repeating: 0, count: places + 1 - digits.count) + digits }
        let whole = digits[..<(digits.count - places)].map(String.init).joined()
        let fraction = digits[(digits.count - places)...].map(String.init).joined()
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (p.negative ? "-" : "") + grouped + (places > 0 ? "." + fraction : "")
    }
}

// Query rows as `flowc show` and `seed --show` print them: agate's print_table as dbt calls
// it (at most 6 columns, cells cut to 20 characters, numbers to 3 decimal places with `…`),
// and as dbt's `show --output json` lists them.
import FlowcGraph
import FlowcProject
import FlowcTemplate
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

    static func kind(_ values: [SQLValue]) -> Kind {
        var numbers = false, fractional = false, booleans = false
        for v in values {
            switch v {
            case .null: continue
            case .int: numbers = true
            case .double, .decimal: numbers = true; fractional = true
            case .bool: booleans = true
            case .text, .blob: return .text
            }
        }
        // booleans mixed with numbers are neither type to agate; a column of NULLs only is an
        // Integer column
        if booleans { return numbers ? .text : .boolean }
        return fractional ? .number : .integer
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
            let kind = kind(values)
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
/// even, thousands grouped with commas (babel's `#,##0.000` pattern). The values are read as
/// Python's Decimal, as agate holds them (a float by its shortest text, as Decimal(repr(f))).
enum NumberCells {
    static func decimal(_ v: SQLValue) -> PyDecimal? {
        switch v {
        case .int(let i): return PyDecimal(Int(i))
        case .double(let d): return d.isFinite ? PyDecimal("\(d)") : nil
        case .decimal(let s): return PyDecimal(s)
        default: return nil
        }
    }

    static func format(_ values: [SQLValue], maxPlaces: Int) -> [String] {
        let decimals = values.map(decimal)
        let most = decimals.compactMap { $0?.significantPlaces }.max() ?? 0
        let places = min(most, maxPlaces)
        let ellipsis = most > maxPlaces ? "…" : ""
        return zip(values, decimals).map { v, d in
            if case .null = v { return "" }
            guard let q = d?.quantized(places: places) else { return v.text }
            return grouped(q.description) + ellipsis
        }
    }

    /// Plain decimal text with its whole part grouped by thousands: `-12345.6` → `-12,345.6`.
    static func grouped(_ text: String) -> String {
        let sign = text.hasPrefix("-") ? "-" : ""
        let body = text.dropFirst(sign.count)
        let whole = body.prefix { $0 != "." }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out + body.dropFirst(whole.count)
    }
}

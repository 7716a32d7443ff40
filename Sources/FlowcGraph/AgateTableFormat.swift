// How dbt's agate tables print: `str(table)` is agate's print_structure (each column with its
// agate type) and `table.print_table()` agate's Markdown-like table, with its truncation (20
// rows, 6 columns, 20 characters), numbers right-aligned with thousands separators and a
// column's decimal places (at most 3, then `…`), text left-aligned. Types come from the values
// as dbt's query results carry them: int → Integer, Decimal → Number, bool → Boolean, date,
// datetime, text; a column of nulls is Integer.
import FlowcTemplate

extension ResultTableObject {
    enum AgateType: String { case integer = "Integer", number = "Number", boolean = "Boolean", date = "Date",
                                  dateTime = "DateTime", text = "Text" }

    static func agateType(of values: [Value]) -> AgateType {
        var kinds = Set<AgateType>()
        for v in values {
            switch v {
            case .none, .undefined: continue
            case .int: kinds.insert(.integer)
            case .double: kinds.insert(.number)
            case .bool: kinds.insert(.boolean)
            case .object(let o) where o is DecimalObject: kinds.insert(.number)
            case .object(let o as DateTimeObject): kinds.insert(o.isDate ? .date : .dateTime)
            default: kinds.insert(.text)
            }
        }
        if kinds.isEmpty { return .integer }
        if kinds.count == 1, let only = kinds.first { return only }
        return kinds.isSubset(of: [.integer, .number]) ? .number : .text
    }

    var agateTypes: [AgateType] {
        columnNames.indices.map { i in Self.agateType(of: rawRows.map { i < $0.count ? $0[i] : .none }) }
    }

    /// agate's print_structure, which str() of a table returns.
    func structure(renderer: Renderer) throws -> String {
        let rows: [[Value]] = zip(columnNames, agateTypes).map { [.string($0), .string($1.rawValue)] }
        return try Self.printTable(names: ["column", "data_type"], types: [.text, .text], rows: rows, maxRows: nil,
                                   maxColumns: 6, maxWidth: nil, maxPrecision: 3, renderer: renderer)
    }

    static func printTable(names: [String], types: [AgateType], rows: [[Value]], maxRows: Int?, maxColumns: Int?,
                           maxWidth: Int?, maxPrecision: Int?, renderer: Renderer) throws -> String {
        let maxRows = maxRows ?? rows.count
        let maxColumns = maxColumns ?? names.count
        func truncated(_ s: String) -> String {
            guard let w = maxWidth, s.count > w else { return s }
            return String(s.prefix(max(0, w - 3))) + "..."
        }
        var header = names.prefix(maxColumns).map(truncated)
        if maxColumns < names.count { header.append("...") }
        var widths = header.map(\.count)
        // a Number column shows each value with the column's decimal places
        var places: [Int?] = []
        for (i, type) in types.enumerated() where i < maxColumns {
            guard type == .number else { places.append(nil); continue }
            let decimals = rows.prefix(maxRows).compactMap { i < $0.count ? decimal($0[i]) : nil }
            places.append(decimals.map(\.significantPlaces).max() ?? 0)
        }
        var formatted: [[String]] = []
        for row in rows.prefix(maxRows) {
            var cells: [String] = []
            for (j, v) in row.enumerated() {
                var text: String
                if j >= maxColumns {
                    text = "..."
                } else if v.isNone {
                    text = ""
                } else if j < places.count, let p = places[j], let d = decimal(v) {
                    text = number(d, places: min(p, maxPrecision ?? p), ellipsis: maxPrecision.map { p > $0 } ?? false)
                } else {
                    text = try renderer.str(v)
                }
                text = truncated(text)
                if j < widths.count, text.count > widths[j] { widths[j] = text.count }
                cells.append(text)
                if j >= maxColumns { break }
            }
            formatted.append(cells)
        }
        var out = ""
        func write(_ cells: [String]) {
            let parts = cells.enumerated().map { j, d -> String in
                let width = j < widths.count ? widths[j] : d.count
                let pad = String(repeating: " ", count: max(0, width - d.count))
                let type = j < types.count ? types[j] : .text
                return " " + (type == .text ? d + pad : pad + d) + " "
            }
            out += "|" + parts.joined(separator: "|") + "|\n"
        }
        write(header)
        out += "| " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " | ") + " |\n"
        for cells in formatted { write(cells) }
        if maxRows < rows.count { write(header.map { _ in "..." }) }
        return out
    }

    private static func decimal(_ v: Value) -> PyDecimal? {
        switch v {
        case .int(let i): return PyDecimal(String(i))
        case .double(let d): return d.isFinite ? PyDecimal(Value.double(d).pythonRepr) : nil
        case .object(let o as DecimalObject): return o.value
        default: return nil
        }
    }

    /// babel's `#,##0.000` (half to even), with agate's `…` when places were cut.
    private static func number(_ d: PyDecimal, places: Int, ellipsis: Bool) -> String {
        let text = (d.quantized(places: places) ?? d).description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first.map(String.init) ?? "0")
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction + (ellipsis ? "…" : "")
    }
}

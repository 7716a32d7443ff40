// PostgreSQL values dbt's run_query hands templates as text made by Python: psycopg2 reads an
// `interval` as a timedelta, an array as a list and `json`/`jsonb` as dicts and lists, and
// dbt's agate table keeps them as text: `str(timedelta)` ("1 day, 2:00:00") and, for lists and
// dicts, `json.dumps` ('[1, 2]', '{"a": 1}'). Values in other forms stay as PostgreSQL printed
// them.
import FlowcTemplate

public enum WarehousePythonText {
    public enum Kind: Sendable { case interval, json, array(element: String) }

    /// Which of these a PostgreSQL column type is, if any (decided once per column).
    public static func kind(ofType type: String) -> Kind? {
        let t = type.lowercased()
        if t == "interval" || t.hasPrefix("interval(") { return .interval }
        if t == "json" || t == "jsonb" { return .json }
        if t.hasSuffix("[]") { return .array(element: String(t.dropLast(2))) }
        return nil
    }

    public static func text(_ pg: String, kind: Kind) -> String? {
        switch kind {
        case .interval: return interval(pg)
        case .json: return (try? Value.fromJSON(pg)).flatMap { try? pythonJSONDumps($0) }
        case .array(let element):
            var reader = ArrayReader(Array(pg.utf8), element: element)
            guard let list = reader.read(), reader.atEnd else { return nil }
            return try? pythonJSONDumps(list)
        }
    }

    /// PostgreSQL's interval output (`1 year 2 mons 3 days -04:05:06.5`) as Python prints the
    /// timedelta psycopg2 makes of it (a year 365 days, a month 30, as psycopg2 counts them).
    static func interval(_ pg: String) -> String? {
        var days = 0
        var micros = 0
        let words = pg.split(separator: " ")
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.contains(":") {
                let negative = w.hasPrefix("-")
                let parts = w.drop(while: { $0 == "-" || $0 == "+" }).split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                let secParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
                guard let s = Int(secParts[0]) else { return nil }
                var frac = 0
                if secParts.count == 2 {
                    let digits = secParts[1].prefix(6)
                    guard let f = Int(digits) else { return nil }
                    frac = f
                    for _ in digits.count..<6 { frac *= 10 }
                }
                let total = ((h * 60 + m) * 60 + s) * 1_000_000 + frac
                micros += negative ? -total : total
                i += 1
                continue
            }
            guard i + 1 < words.count, let n = Int(w) else { return nil }
            switch words[i + 1] {
            case "year", "years": days += n * 365
            case "mon", "mons": days += n * 30
            case "day", "days": days += n
            default: return nil
            }
            i += 2
        }
        // timedelta's normal form: whole days (of any sign), then 0 ≤ seconds < 86400
        let total = days * 86_400_000_000 + micros
        var d = total / 86_400_000_000
        var rest = total - d * 86_400_000_000
        if rest < 0 { d -= 1; rest += 86_400_000_000 }
        let seconds = rest / 1_000_000, us = rest % 1_000_000
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var out = "\(seconds / 3600):\(two(seconds % 3600 / 60)):\(two(seconds % 60))"
        if d != 0 { out = "\(d) day\(abs(d) == 1 ? "" : "s"), " + out }
        if us != 0 {
            let t = String(us)
            out += "." + String(repeating: "0", count: 6 - t.count) + t
        }
        return out
    }
}

/// PostgreSQL's array literal (`{1,2}`, `{"a b",NULL}`, `{{1,2},{3,4}}`) as the list psycopg2
/// makes: numbers for numeric element types, booleans, None for NULL, text otherwise.
private struct ArrayReader {
    let b: [UInt8]
    let element: String
    var i = 0
    init(_ bytes: [UInt8], element: String) {
        b = bytes
        self.element = element
    }

    var atEnd: Bool { i == b.count }

    mutating func read() -> Value? {
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var items: [Value] = []
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return .list(items)
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "{") {
                guard let inner = read() else { return nil }
                items.append(inner)
            } else if b[i] == UInt8(ascii: "\"") {
                i += 1
                var bytes: [UInt8] = []
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\"), i + 1 < b.count { i += 1 }
                    bytes.append(b[i])
                    i += 1
                }
                guard i < b.count else { return nil }
                i += 1
                items.append(typed(String(decoding: bytes, as: UTF8.self), quoted: true))
            } else {
                let start = i
                while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}") { i += 1 }
                items.append(typed(String(decoding: b[start..<i], as: UTF8.self), quoted: false))
            }
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return .list(items) }
            return nil
        }
        return nil
    }

    func typed(_ text: String, quoted: Bool) -> Value {
        if !quoted && text == "NULL" { return .none }
        switch element {
        case "smallint", "integer", "bigint", "oid":
            return Int(text).map { .int($0) } ?? .string(text)
        case "real", "double precision", "numeric":
            // dbt's JSON encoder writes a Decimal as a float
            return Double(text).map { .double($0) } ?? .string(text)
        case "boolean":
            return text == "t" ? .bool(true) : text == "f" ? .bool(false) : .string(text)
        default:
            return .string(text)
        }
    }
}

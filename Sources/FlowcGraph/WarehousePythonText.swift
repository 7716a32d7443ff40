// PostgreSQL values dbt's run_query hands templates as text made by Python: psycopg2 reads an
// `interval` as a timedelta, an array as a list and `json`/`jsonb` as Python values, and dbt's
// agate table keeps them as text: `str(timedelta)` ("1 day, 2:00:00") and, for lists and dicts,
// `json.dumps` ('[1, 2]', '{"a": 1}'); a json scalar stays the Python value ("abc", 1, None).
// Values in other forms (an interval past timedelta's range) stay as PostgreSQL printed them.
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

    public static func value(_ pg: String, kind: Kind) -> Value? {
        switch kind {
        case .interval: return interval(pg).map { .string($0) }
        case .json:
            guard let v = try? Value.fromJSON(pg) else { return nil }
            // dbt's agate table json.dumps only containers (dicts, lists)
            switch v {
            case .list, .dict: return (try? pythonJSONDumps(v)).map { .string($0) }
            default: return v
            }
        case .array(let element):
            var reader = ArrayReader(Array(pg.utf8), element: element)
            guard let list = reader.read(), reader.atEnd else { return nil }
            return (try? pythonJSONDumps(list)).map { .string($0) }
        }
    }

    /// PostgreSQL's interval output (`1 year 2 mons 3 days -04:05:06.5`) as Python prints the
    /// timedelta psycopg2 makes of it (a year 365 days, a month 30, as psycopg2 counts them);
    /// nil past timedelta's ±999,999,999 days (psycopg2 fails there; PostgreSQL goes further).
    static func interval(_ pg: String) -> String? {
        let limit = 999_999_999
        var days = 0
        var micros = 0
        let words = pg.split(separator: " ")
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.contains(":") {
                let negative = w.hasPrefix("-")
                let parts = w.drop(while: { $0 == "-" || $0 == "+" }).split(separator: ":", omittingEmptySubsequences: false)
                // hours beyond ~2.5e9 would not fit in microseconds; timedelta refuses them anyway
                guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), h <= 2_000_000_000, m < 60 else { return nil }
                let secParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
                guard let s = Int(secParts[0]), s < 60 else { return nil }
                var frac = 0
                if secParts.count == 2 {
                    let digits = secParts[1].prefix(6)
                    guard let f = Int(digits) else { return nil }
                    frac = f
                    for _ in digits.count..<6 { frac *= 10 }
                }
                // PostgreSQL prints one time part
                guard micros == 0 else { return nil }
                let total = ((h * 60 + m) * 60 + s) * 1_000_000 + frac
                micros = negative ? -total : total
                i += 1
                continue
            }
            guard i + 1 < words.count, let n = Int(w), abs(n) <= limit else { return nil }
            switch words[i + 1] {
            case "year", "years": days += n * 365
            case "mon", "mons": days += n * 30
            case "day", "days": days += n
            default: return nil
            }
            i += 2
            guard abs(days) <= limit else { return nil }
        }
        // timedelta's normal form: whole days (of any sign), then 0 ≤ seconds < 86400; the time
        // part's whole days join the days (never days in microseconds: they would overflow)
        let dayMicros = 86_400_000_000
        var d = days + micros / dayMicros
        var rest = micros % dayMicros
        if rest < 0 { d -= 1; rest += dayMicros }
        guard abs(d) <= limit else { return nil }
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
        case "json", "jsonb":
            return (try? Value.fromJSON(text)) ?? .string(text)
        case _ where element.hasPrefix("timestamp"):
            // dbt's JSON encoder writes a datetime with isoformat()
            return .string(Self.isoformat(text))
        default:
            return .string(text)
        }
    }

    /// PostgreSQL's `2024-01-01 10:00:00.5+02` as Python's isoformat of the datetime psycopg2
    /// reads: `2024-01-01T10:00:00.500000+02:00`.
    static func isoformat(_ text: String) -> String {
        var b = Array(text.utf8)
        guard b.count >= 19, b[10] == UInt8(ascii: " ") else { return text }
        b[10] = UInt8(ascii: "T")
        var out = String(decoding: b[0..<19], as: UTF8.self)
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            var digits: [UInt8] = []
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { digits.append(b[i]); i += 1 }
            out += "." + String(decoding: digits.prefix(6), as: UTF8.self) + String(repeating: "0", count: max(0, 6 - digits.count))
        }
        if i < b.count {
            var zone = String(decoding: b[i...], as: UTF8.self)
            if zone.count == 3 { zone += ":00" }
            out += zone
        }
        return out
    }
}

// PostgreSQL's date and timestamp values as dbt's macros see them: psycopg2 hands dbt Python
// date and datetime objects (aware ones for `timestamp with time zone`), so a run_query result
// has `.year`, `.strftime()` and date arithmetic. Values PostgreSQL prints in other forms
// (BC dates) stay text.
import FlowcTemplate

public enum WarehouseTemporal {
    /// The value of a column of PostgreSQL type `type` whose text is `text`, or nil when the
    /// type is not a date or timestamp or the text is not in PostgreSQL's ISO output form.
    public static func value(_ text: String, type: String) -> Value? {
        let t = type.lowercased()
        // psycopg2 reads PostgreSQL's infinities as Python's largest and smallest values
        if text == "infinity" || text == "-infinity", t == "date" || t.hasPrefix("timestamp") {
            let top = text == "infinity"
            let made = t == "date" ? (top ? try? DateTimeObject.make(9999, 12, 31, isDate: true) : try? DateTimeObject.make(1, 1, 1, isDate: true))
                : (top ? try? DateTimeObject.make(9999, 12, 31, 23, 59, 59, 999_999) : try? DateTimeObject.make(1, 1, 1))
            return made.map { .object($0) }
        }
        if t == "date" {
            guard let (y, m, d, rest) = datePart(text), rest.isEmpty,
                  let made = try? DateTimeObject.make(y, m, d, isDate: true) else { return nil }
            return .object(made)
        }
        guard t.hasPrefix("timestamp") else { return nil }
        let aware = t.hasSuffix("with time zone") && !t.hasSuffix("without time zone")
        guard let (y, m, d, rest) = datePart(text), rest.first == " " else { return nil }
        var chars = Array(rest.dropFirst())
        func number(_ n: Int) -> Int? {
            guard chars.count >= n, chars[0..<n].allSatisfy(\.isASCII), let v = Int(String(chars[0..<n])) else { return nil }
            chars.removeFirst(n)
            return v
        }
        func skip(_ c: Character) -> Bool {
            guard chars.first == c else { return false }
            chars.removeFirst()
            return true
        }
        guard let h = number(2), skip(":"), let mi = number(2), skip(":"), let s = number(2) else { return nil }
        var micros = 0
        if skip(".") {
            var digits = ""
            while let c = chars.first, c.isASCII, c.isNumber { digits.append(c); chars.removeFirst() }
            guard !digits.isEmpty, digits.count <= 6, let f = Int(digits) else { return nil }
            micros = f * Int(pow10(6 - digits.count))
        }
        guard let naive = try? DateTimeObject.make(y, m, d, h, mi, s, micros) else { return nil }
        if !aware { return chars.isEmpty ? .object(naive) : nil }
        // +HH, +HH:MM or +HH:MM:SS
        guard let sign = chars.first, sign == "+" || sign == "-" else { return nil }
        chars.removeFirst()
        guard let oh = number(2) else { return nil }
        var offset = oh * 3600
        if skip(":") { guard let om = number(2) else { return nil }; offset += om * 60 }
        if skip(":") { guard let os = number(2) else { return nil }; offset += os }
        guard chars.isEmpty else { return nil }
        let seconds = sign == "-" ? -offset : offset
        let zone = seconds == 0 ? ZoneOffset.utc : ZoneOffset(zone: "", seconds: seconds, abbreviation: "", isDST: false)
        return .object(DateTimeObject(micros: naive.micros, zone: zone))
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// `YYYY-MM-DD` and what follows it.
    private static func datePart(_ text: String) -> (Int, Int, Int, Substring)? {
        let u = Array(text.utf8)
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = Int(String(decoding: u[0..<4], as: UTF8.self)),
              let m = Int(String(decoding: u[5..<7], as: UTF8.self)),
              let d = Int(String(decoding: u[8..<10], as: UTF8.self)) else { return nil }
        return (y, m, d, text.dropFirst(10))
    }
}

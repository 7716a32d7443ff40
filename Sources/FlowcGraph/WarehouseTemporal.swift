// PostgreSQL's date and timestamp values as dbt's macros see them: psycopg2 hands dbt Python
// date and datetime objects (aware ones for `timestamp with time zone`), so a run_query result
// has `.year`, `.strftime()` and date arithmetic. Values PostgreSQL prints in other forms
// (BC dates) stay text.
import FlowcTemplate

public enum WarehouseTemporal {
    public enum Kind: Sendable { case date, timestamp, timestampWithTimeZone }

    /// Which temporal kind a PostgreSQL column type is, if any (decided once per column).
    public static func kind(ofType type: String) -> Kind? {
        let t = type.lowercased()
        if t == "date" { return .date }
        guard t.hasPrefix("timestamp") else { return nil }
        return t.hasSuffix("with time zone") && !t.hasSuffix("without time zone") ? .timestampWithTimeZone : .timestamp
    }

    /// The value PostgreSQL printed as `text` in a column of that kind, or nil when the text is
    /// not in PostgreSQL's ISO output form.
    public static func value(_ text: String, kind: Kind) -> Value? {
        // psycopg2 reads PostgreSQL's infinities as Python's largest and smallest values
        if text == "infinity" || text == "-infinity" {
            let top = text == "infinity"
            let made = kind == .date ? (top ? try? DateTimeObject.make(9999, 12, 31, isDate: true) : try? DateTimeObject.make(1, 1, 1, isDate: true))
                : (top ? try? DateTimeObject.make(9999, 12, 31, 23, 59, 59, 999_999) : try? DateTimeObject.make(1, 1, 1))
            return made.map { .object($0) }
        }
        if kind == .date {
            return (try? DateTimeModule.strptime(text, "%Y-%m-%d")).map { .object(DateTimeObject(micros: $0.micros, isDate: true)) }
        }
        // a timestamptz ends in its offset: +HH, +HH:MM or +HH:MM:SS
        var clock = Substring(text)
        var offset = 0
        if kind == .timestampWithTimeZone {
            guard let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }), clock.distance(from: clock.startIndex, to: sign) > 10
            else { return nil }
            let parts = clock[clock.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
            offset = zip(parts.compactMap { $0 }, [3600, 60, 1]).reduce(0) { $0 + $1.0 * $1.1 } * (clock[sign] == "-" ? -1 : 1)
            clock = clock[..<sign]
        }
        let format = clock.contains(".") ? "%Y-%m-%d %H:%M:%S.%f" : "%Y-%m-%d %H:%M:%S"
        guard let naive = try? DateTimeModule.strptime(String(clock), format) else { return nil }
        guard kind == .timestampWithTimeZone else { return .object(naive) }
        // psycopg2 gives Python's fixed-offset datetime.timezone (repr `datetime.timezone.utc`)
        return .object(DateTimeObject(micros: naive.micros, zone: .fixed(seconds: offset)))
    }
}

// A microbatch model's `begin` as dbt holds it once the project is parsed: a datetime, not the
// text the config gave. The manifest writes its isoformat ("2024-01-01T00:00:00"), and `graph`
// and `results` hand templates the datetime itself (dbt_artifacts calls `config.begin.strftime`).
import FlowcTemplate
import Foundation

extension MicrobatchConfig {
    /// The datetime a config's timestamp text (parseTimestamp's forms) stands for, in UTC:
    /// aware when `utc`, else naive.
    static func dateTime(_ text: String, utc: Bool) -> DateTimeObject? {
        guard let date = parseTimestamp(text) else { return nil }
        return DateTimeObject(micros: Int((date.timeIntervalSince1970 * 1_000_000).rounded()), utc: utc)
    }

    /// The datetime `begin` text stands for: naive, unless the text names a zone (then aware, in UTC).
    static func beginDateTime(_ text: String) -> DateTimeObject? { dateTime(text, utc: hasZone(text)) }

    /// Python's isoformat of `begin`, as dbt's manifest writes the config.
    static func beginISO(_ text: String) -> String? { beginDateTime(text)?.isoText }

    /// Whether a timestamp's text ends in `Z` or a `±HH[:MM]` offset after its time.
    private static func hasZone(_ text: String) -> Bool {
        let t = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard t.count > 10 else { return false }
        if t.last == UInt8(ascii: "Z") { return true }
        return t[10...].contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
    }
}

extension Value {
    /// A node's description with its config's `begin` text made the datetime dbt's node holds.
    func withMicrobatchBegin() -> Value {
        guard case .dict(let node) = self, case .dict(let config)? = node.get("config"),
              let text = config.get("begin")?.stringValue,
              let begin = MicrobatchConfig.beginDateTime(text) else { return self }
        config.set("begin", .object(begin))
        return self
    }
}

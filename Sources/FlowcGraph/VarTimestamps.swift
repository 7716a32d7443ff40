// Vars as PyYAML reads them for dbt: a plain (unquoted) `start_date: 2024-01-01` in the project
// file or in --vars is a `datetime.date` (`var('start_date').year`, `+ timedelta(days=1)`), and
// `2024-01-01 10:00:00` a datetime; quoted ones stay text. Vars travel as JSON, which has no
// date, so such a scalar is carried as a one-key object under a key no YAML mapping can hold,
// and var() turns it back into the date.
import FlowcProject
import FlowcTemplate

public enum VarTimestamps {
    /// The key that marks a plain timestamp's text in vars JSON.
    static let marker = "\u{0}timestamp"

    /// `value` as JSON, its plain timestamps marked; `source` is the text its spans point into
    /// (the project file, or the --vars argument).
    public static func json(_ value: YAMLValue, source: String) -> JSON {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return marked(value, lines)
    }

    private static func marked(_ y: YAMLValue, _ lines: [Substring]) -> JSON {
        switch y {
        case .string(let s, let span):
            guard YAMLTimestamps.plainTimestamp(s, at: span, lines) != nil else { return .string(s) }
            return .object(JSONObject([(marker, .string(s))]))
        case .list(let items, _):
            return .array(items.map { marked($0, lines) })
        case .map(let entries, _):
            var o = JSONObject()
            for e in entries { o[e.key] = marked(e.value, lines) }
            return .object(o)
        default:
            return y.json
        }
    }

    /// A var's JSON as a template value, its marked timestamps as date and datetime objects.
    static func value(_ json: JSON) -> Value {
        switch json {
        case .object(let o):
            if o.count == 1, case .string(let text)? = o[marker] {
                return YAMLTimestamps.timestamp(text).map { .object($0) } ?? .string(text)
            }
            guard hasMarker(json) else { return Value(json: json) }
            return .dict(o.map { ($0.0, value($0.1)) })
        case .array(let items):
            guard hasMarker(json) else { return Value(json: json) }
            return .list(items.map(value))
        default:
            return Value(json: json)
        }
    }

    /// Whether the JSON holds a marked timestamp anywhere.
    static func hasMarker(_ json: JSON) -> Bool {
        switch json {
        case .object(let o): return o[marker] != nil || o.values.contains(where: hasMarker)
        case .array(let items): return items.contains(where: hasMarker)
        default: return false
        }
    }
}

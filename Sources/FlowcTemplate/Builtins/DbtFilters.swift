// The filters dbt adds to Jinja: `as_text`, `as_bool`, `as_number` and `as_native`, which mark
// how dbt's native rendering (of YAML config values) should type a result and, everywhere else,
// give their value back unchanged; and `is_list`.

public enum DbtFilters {
    /// As dbt's text rendering (models, macros, hooks) has them.
    public static let text: [String: FilterFunction] = [
        "as_text": { v, a, _ in try identity(v, a, "as_text") },
        "as_bool": { v, a, _ in try identity(v, a, "as_bool") },
        "as_number": { v, a, _ in try identity(v, a, "as_number") },
        "as_native": { v, a, _ in try identity(v, a, "as_native") },
        "is_list": { v, a, _ in
            _ = try Params(a, "is_list", [])
            if case .list = v { return .bool(true) }
            return .bool(false)
        },
    ]

    /// Marks text `as_text` made, in a rendering whose result is typed afterwards (YAML
    /// values): a result holding it stays a string. A private-use character no YAML holds.
    public static let textMarker: Character = "\u{F8FF}"

    /// For renderings typed afterwards: `as_text` marks its value to stay text.
    public static var native: [String: FilterFunction] {
        var f = text
        f["as_text"] = { v, a, r in .string(String(textMarker) + (try r.str(try identity(v, a, "as_text")))) }
        return f
    }

    private static func identity(_ v: Value, _ a: Arguments, _ name: String) throws -> Value {
        _ = try Params(a, name, [])
        return v
    }
}

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

    /// The marker filters whose whole-value result is typed from its text (literal_eval).
    public static let typingMarkers: Set<String> = ["as_bool", "as_number", "as_native"]

    /// For renderings typed afterwards: dbt's markers are strings (`str(value)`), so
    /// `x in [..] | as_bool` tests x against the list's text. `as_text` marks its value to stay
    /// text; whether the whole result is an `as_bool` or `as_number` value is decided from the
    /// template (`Template.wholeValueFilter`), as dbt types only a marker that is the whole
    /// rendering.
    public static var native: [String: FilterFunction] {
        var f = text
        f["as_text"] = { v, a, r in .string(String(textMarker) + (try r.str(try identity(v, a, "as_text")))) }
        for name in typingMarkers {
            f[name] = { v, a, r in .string(try r.str(try identity(v, a, name))) }
        }
        return f
    }

    /// dbt's check of a whole rendered value marked `as_bool` or `as_number`: the message it
    /// raises when Python's literal_eval does not make the marked type of it, else nil.
    public static func nativeTypeError(_ rendered: String, filter: String?) -> String? {
        switch filter {
        case "as_bool" where rendered != "True" && rendered != "False":
            return "Could not convert value '\(rendered)' into type 'bool'"
        case "as_number" where !isPythonNumber(rendered):
            return "Could not convert value '\(rendered)' into type 'number'"
        default:
            return nil
        }
    }

    /// Whether Python's literal_eval reads `s` as an int or a float: an optional sign, then
    /// digits without a leading zero (`007` is a syntax error), or a decimal or exponent form.
    static func isPythonNumber(_ s: String) -> Bool {
        var t = Substring(String(s.drop { $0 == " " || $0 == "\t" }.filter { $0 != "_" }))
        if t.first == "-" || t.first == "+" { t = t.dropFirst() }
        guard let first = t.first, first.isASCII, first.isNumber || first == "." else { return false }
        if t.allSatisfy({ $0.isASCII && $0.isNumber }) { return t.first != "0" || t.allSatisfy { $0 == "0" } }
        return Double(t) != nil && !t.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
    }

    private static func identity(_ v: Value, _ a: Arguments, _ name: String) throws -> Value {
        _ = try Params(a, name, [])
        return v
    }
}

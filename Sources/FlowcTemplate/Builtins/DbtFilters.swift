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

    /// For renderings typed afterwards: `as_text` marks its value to stay text; `as_bool` and
    /// `as_number` refuse what Python's literal_eval would not make a bool or a number, with
    /// dbt's message (dbt checks it when the filter gives the whole value, as it usually does).
    public static var native: [String: FilterFunction] {
        var f = text
        f["as_text"] = { v, a, r in .string(String(textMarker) + (try r.str(try identity(v, a, "as_text")))) }
        f["as_bool"] = { v, a, r in
            let value = try identity(v, a, "as_bool")
            if case .bool = value { return value }
            let s = try r.str(value)
            guard s == "True" || s == "False" else {
                throw TemplateError(.host, "Could not convert value '\(s)' into type 'bool'")
            }
            return value
        }
        f["as_number"] = { v, a, r in
            let value = try identity(v, a, "as_number")
            switch value {
            case .int, .double: return value
            default:
                let s = try r.str(value)
                guard isPythonNumber(s) else { throw TemplateError(.host, "Could not convert value '\(s)' into type 'number'") }
                return value
            }
        }
        return f
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

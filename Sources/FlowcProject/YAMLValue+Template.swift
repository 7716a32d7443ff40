// Bridges between YAML values and template values: a YAML value as a template sees it (for
// `var()` and the graph stage's context), and dbt's "native" typing of a rendered string.

import FlowcTemplate

extension YAMLValue {
    /// The value as a template sees it: None, bool, int, float, str, list, dict (key order kept).
    public var templateValue: Value {
        switch self {
        case .null: return .none
        case .bool(let b, _): return .bool(b)
        case .int(let i, _): return .int(i)
        case .double(let d, _): return .double(d)
        case .string(let s, _): return .string(s)
        case .list(let items, _): return .list(items.map(\.templateValue))
        case .map(let entries, _): return .dict(entries.map { ($0.key, $0.value.templateValue) })
        }
    }

    /// A template value back as YAML (scalars, lists and dicts; anything else as its text),
    /// placed at `span`.
    public static func from(_ value: Value, at span: SourceSpan) -> YAMLValue {
        switch value {
        case .none, .undefined: return .null(span)
        case .bool(let b): return .bool(b, span)
        case .int(let i): return .int(i, span)
        case .double(let d): return .double(d, span)
        case .string(let s): return .string(s, span)
        case .list(let box): return .list(box.items.map { from($0, at: span) }, span)
        case .tuple(let items): return .list(items.map { from($0, at: span) }, span)
        case .dict(let box):
            var entries: [Entry] = []
            for (k, v) in box.pairs {
                let key = k.stringValue ?? (k.intValue.map(String.init) ?? "\(k.typeName)")
                entries.append((key: key, keySpan: span, value: from(v, at: span)))
            }
            return .map(entries, span)
        case .callable(let c): return .string(c.name, span)
        case .object(let o): return .string("<\(o.typeName) object>", span)
        }
    }

    /// What dbt's native rendering makes of a rendered string: Python literals `True`,
    /// `False`, `None`, integers and floats become typed values; everything else stays text.
    static func native(_ rendered: String, at span: SourceSpan) -> YAMLValue {
        switch rendered {
        case "True": return .bool(true, span)
        case "False": return .bool(false, span)
        case "None": return .null(span)
        default: break
        }
        if let i = pythonInt(rendered) { return .int(i, span) }
        if let d = pythonFloat(rendered) { return .double(d, span) }
        return .string(rendered, span)
    }

    /// Python int literal: optional sign, digits (no leading zeros), `_` between digits.
    static func pythonInt(_ s: String) -> Int? {
        var body = Substring(s)
        var negative = false
        if let c = body.first, c == "-" || c == "+" {
            negative = c == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber, body.last != "_" else { return nil }
        if first == "0" && body.count > 1 { return nil }
        var digits = ""
        var previousUnderscore = false
        for c in body {
            if c == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            guard c.isASCII, c.isNumber else { return nil }
            previousUnderscore = false
            digits.append(c)
        }
        guard let v = Int(digits) else { return nil }
        return negative ? -v : v
    }

    /// Python float literal (digits with a dot and/or an exponent; no inf/nan names).
    static func pythonFloat(_ s: String) -> Double? {
        guard !s.isEmpty, s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
              s.allSatisfy({ ($0.isASCII && $0.isNumber) || "+-.eE".contains($0) }),
              s.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        return Double(s)
    }
}

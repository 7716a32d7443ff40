// A YAML value as dbt sees it after PyYAML's SafeLoader (null, bool, int, float, string, list,
// mapping), with the place of every value and every mapping key, and mapping keys kept in the
// order written. Plain data: the loaders produce it, later stages read it.

public enum YAMLValue: Sendable {
    public typealias Entry = (key: String, keySpan: SourceSpan, value: YAMLValue)

    case null(SourceSpan)
    case bool(Bool, SourceSpan)
    case int(Int, SourceSpan)
    case double(Double, SourceSpan)
    case string(String, SourceSpan)
    case list([YAMLValue], SourceSpan)
    /// Keys are unique (a repeated key keeps its last value; the loader warns).
    case map([Entry], SourceSpan)

    /// Where the value starts.
    public var span: SourceSpan {
        switch self {
        case .null(let s), .bool(_, let s), .int(_, let s), .double(_, let s), .string(_, let s),
             .list(_, let s), .map(_, let s):
            return s
        }
    }

    /// The value under `key` when this is a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .map(let entries, _) = self else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// The entry (with its key's place) under `key` when this is a mapping.
    public func entry(_ key: String) -> Entry? {
        guard case .map(let entries, _) = self else { return nil }
        for entry in entries where entry.key == key { return entry }
        return nil
    }

    /// The string when this is a string.
    public var string: String? {
        if case .string(let s, _) = self { return s }
        return nil
    }

    /// Any scalar as text, the way Python's `str()` would not but a user would expect:
    /// strings as is, numbers and bools as written in YAML 1.1 (`true`, `5`, `1.5`); nil for
    /// null, lists and mappings.
    public var scalarText: String? {
        switch self {
        case .string(let s, _): return s
        case .int(let i, _): return String(i)
        case .double(let d, _): return YAMLValue.format(d)
        case .bool(let b, _): return b ? "true" : "false"
        case .null, .list, .map: return nil
        }
    }

    public var list: [YAMLValue]? {
        if case .list(let items, _) = self { return items }
        return nil
    }

    public var entries: [Entry]? {
        if case .map(let entries, _) = self { return entries }
        return nil
    }

    /// Mapping keys in order.
    public var keys: [String] {
        entries?.map(\.key) ?? []
    }

    public var bool: Bool? {
        if case .bool(let b, _) = self { return b }
        return nil
    }

    /// The integer when this is an int (or a float with an integral value).
    public var int: Int? {
        switch self {
        case .int(let i, _): return i
        case .double(let d, _):
            guard d.rounded() == d, abs(d) < 9.0e18 else { return nil }
            return Int(d)
        default: return nil
        }
    }

    /// The number as Double when this is an int or a float.
    public var double: Double? {
        switch self {
        case .int(let i, _): return Double(i)
        case .double(let d, _): return d
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var isMap: Bool { entries != nil }
    public var isList: Bool { list != nil }

    /// What kind of value this is, for messages ("expected a list, found a mapping").
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    /// Compares values and key order, ignoring places.
    public func sameValue(as other: YAMLValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a, _), .bool(let b, _)): return a == b
        case (.int(let a, _), .int(let b, _)): return a == b
        case (.double(let a, _), .double(let b, _)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a, _), .string(let b, _)): return a == b
        case (.list(let a, _), .list(let b, _)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !x.sameValue(as: y) { return false }
            return true
        case (.map(let a, _), .map(let b, _)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where x.key != y.key || !x.value.sameValue(as: y.value) { return false }
            return true
        default: return false
        }
    }

    /// A float as Python prints it in YAML-ish contexts: `1.0`, `0.5`, `inf`, `nan`.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return "\(d)"
    }
}

extension YAMLValue: CustomStringConvertible {
    /// A compact flow-style rendering (for messages and debugging), e.g. `{a: 1, b: [x, y]}`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .string(let s, _): return s
        case .bool, .int, .double: return scalarText ?? ""
        case .list(let items, _): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries, _):
            return "{" + entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}

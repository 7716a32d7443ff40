// The values a template computes with. Jinja2 runs on Python objects; this enum models the
// Python types that templates see (None, bool, int, float, str, list, tuple, dict), plus
// Jinja's Undefined, callables and host objects. Lists and dicts are reference types because
// templates mutate them in place (`{% do xs.append(1) %}`) and every alias must see the change.

public enum Value {
    case undefined(Undefined)
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case callable(Callable)
    case object(any TemplateObject)

    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    public static func dict(_ pairs: [(String, Value)]) -> Value {
        let box = DictBox()
        for (k, v) in pairs { box.set(.string(k), v) }
        return .dict(box)
    }
}

/// Jinja2's default `Undefined`: prints as nothing, is falsy, iterates as empty, and raises
/// when used further (attribute access, arithmetic, calls). `hint` carries Jinja's message for
/// a missing attribute or key, so the eventual error says what was missing and where.
public struct Undefined {
    public var name: String?
    public var hint: String?
    /// What the sandbox gives for a Python-internal attribute (`x.__class__`): it renders as
    /// nothing, and using it further raises the sandbox's SecurityError (its hint).
    public var unsafe = false
    public init(name: String? = nil, hint: String? = nil) {
        self.name = name
        self.hint = hint
    }
    /// A name nothing defines (not a missing attribute or element, which carry their hint).
    var isUnknownName: Bool { name != nil && hint == nil }
    /// The message Jinja2 gives when this undefined value is used.
    public var message: String {
        if let hint { return hint }
        if let name { return "'\(name)' is undefined" }
        return "value is undefined"
    }
}

/// A mutable Python list shared by reference.
public final class ListBox {
    public var items: [Value]
    /// A Python set (what dbt's `set()` returns): unordered equality, set methods, `{…}` repr;
    /// its items keep their first-seen order, which Python leaves to hashing.
    public var isSet = false
    public init(_ items: [Value] = []) { self.items = items }

    deinit {
        // deeply nested lists are freed without recursing (ValueTeardown.swift)
        guard ValueTeardown.nests(items) else { return }
        var held = items
        items = []
        ValueTeardown.free(&held)
    }

    public static func set(_ items: [Value]) -> ListBox {
        var unique: [Value] = []
        for v in items where !unique.contains(where: { $0.pyEquals(v) }) { unique.append(v) }
        let box = ListBox(unique)
        box.isSet = true
        return box
    }
}

/// A Python dict: insertion-ordered, keyed by hashable values (str, int, float, bool, None, tuple).
public final class DictBox {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]

    public init() {}
    public init(_ pairs: [(Value, Value)]) throws {
        for (k, v) in pairs { try setChecked(k, v) }
    }

    public var count: Int { keys.count }

    public func get(_ key: Value) -> Value? {
        guard let h = HashKey(key), let i = index[h] else { return nil }
        return values[i]
    }
    public func get(_ key: String) -> Value? {
        guard let i = index[.string(key)] else { return nil }
        return values[i]
    }
    /// Sets a key; unhashable keys (lists, dicts) are refused with Python's TypeError.
    public func setChecked(_ key: Value, _ value: Value) throws {
        guard let h = HashKey(key) else {
            throw TemplateError(.type, "unhashable type: '\(key.typeName)'")
        }
        if let i = index[h] {
            values[i] = value
        } else {
            index[h] = keys.count
            keys.append(key)
            values.append(value)
        }
    }
    /// Sets a key known to be hashable (a string, number, bool or None).
    public func set(_ key: Value, _ value: Value) {
        try? setChecked(key, value)
    }
    public func set(_ key: String, _ value: Value) { set(.string(key), value) }

    @discardableResult
    public func remove(_ key: Value) -> Value? {
        guard let h = HashKey(key), let i = index[h] else { return nil }
        let v = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        index[h] = nil
        for (k, j) in index where j > i { index[k] = j - 1 }
        return v
    }
    public func removeAll() {
        keys.removeAll()
        values.removeAll()
        index.removeAll()
    }
    deinit {
        // deeply nested dicts are freed without recursing (ValueTeardown.swift)
        guard ValueTeardown.nests(values) else { return }
        var held = takeAll()
        ValueTeardown.free(&held)
    }

    /// Empties the dict, returning what it held (values first) for ValueTeardown.
    func takeAll() -> [Value] {
        let held = values + keys
        removeAll()
        return held
    }

    public var pairs: Zip2Sequence<[Value], [Value]> { zip(keys, values) }
    public func copy() -> DictBox {
        let d = DictBox()
        d.keys = keys
        d.values = values
        d.index = index
        return d
    }
}

/// A Python hash key. Python makes `1`, `1.0` and `True` the same key; so does this.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case double(Double)
    case string(String)
    case tuple([HashKey])
    /// A hashable object (dbt's relations are): its type and identity text.
    case object(String)

    public init?(_ v: Value) {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .double(let d):
            if d == d.rounded(), abs(d) < 9.0e18 { self = .int(Int(d)) } else { self = .double(d) }
        case .string(let s): self = .string(s)
        case .tuple(let items):
            var keys: [HashKey] = []
            keys.reserveCapacity(items.count)
            for item in items {
                guard let k = HashKey(item) else { return nil }
                keys.append(k)
            }
            self = .tuple(keys)
        case .object(let o):
            guard let key = o.hashKey else { return nil }
            self = .object(o.typeName + "\u{0}" + key)
        case .undefined, .list, .dict, .callable:
            return nil
        }
    }
}

extension Value {
    /// Python's type name, for error messages ("'int' object is not iterable").
    public var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .callable: return "function"
        case .object(let o): return o.typeName
        }
    }

    public var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
    /// A number as Double (ints, floats and bools), for arithmetic that mixes them.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
    public var isNumber: Bool {
        switch self {
        case .int, .double, .bool: return true
        default: return false
        }
    }
}

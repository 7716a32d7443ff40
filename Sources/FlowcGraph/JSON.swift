// An ordered, Sendable JSON value: configs, metadata and the artifacts flowc writes. Objects
// keep insertion order so artifacts are deterministic and diffable.

public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }
    public var isNull: Bool { self == .null }
}

/// Insertion-ordered string-keyed map. Keys and values sit in parallel arrays (iteration is a
/// walk, no hashing); a hash index exists only once an object grows past `indexThreshold` keys,
/// because most objects (a node's config, a column) are small and a linear scan beats hashing:
/// the scan compares lengths first, so a key costs a few instructions unless its length
/// matches, where hashing the looked-up key costs a few hundred.
public struct JSONObject: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    public private(set) var values: [JSON] = []
    private var index: [String: Int]?
    /// Above a node's config (about 30 keys), which is read millions of times in a large project.
    static let indexThreshold = 48

    public init() {}
    public init(_ pairs: [(String, JSON)]) {
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// An object from pairs whose keys the caller knows are distinct (a manifest node's fixed
    /// fields): no lookups while building. No hash index either; lookups scan until the next
    /// insertion builds one. Writers build tens of thousands of these only to encode them.
    public init(uniqueKeys pairs: [(String, JSON)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        let length = key.utf8.count
        return keys.firstIndex { $0.utf8.count == length && $0 == key }
    }

    public subscript(key: String) -> JSON? {
        get { position(key).map { values[$0] } }
        set {
            if let i = position(key) {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                    if index != nil { rebuildIndex() }
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
                if index != nil {
                    index?[key] = keys.count - 1
                } else if keys.count > JSONObject.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        var d: [String: Int] = [:]
        d.reserveCapacity(keys.count)
        for (i, k) in keys.enumerated() { d[k] = i }
        index = d
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public func makeIterator() -> Zip2Sequence<[String], [JSON]>.Iterator {
        zip(keys, values).makeIterator()
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.keys == b.keys && a.values == b.values
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

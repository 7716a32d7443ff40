// A node's config as the `config.<key>:<value>` selector method reads it. Built from the
// manifest it wraps the node's config object as is and walks it only when a `config.` criterion
// is evaluated: flattening every node's config up front was most of the cost of any `--select`
// on a large project (20,000 nodes × ~40 keys).

public struct SelectableConfig: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private enum Storage: Sendable, Equatable {
        /// The node's config: nested keys are walked, values compared as dbt compares them.
        case object(JSONObject)
        /// Values spelled out as strings per dotted key (fixtures); a key matches when its list
        /// holds the value.
        case flat([String: [String]])
    }
    private let storage: Storage

    public init(_ config: JSONObject) { storage = .object(config) }
    public init(flat: [String: [String]]) { storage = .flat(flat) }
    public init(dictionaryLiteral elements: (String, [String])...) {
        storage = .flat(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// dbt's ConfigSelectorMethod: the value at the dotted `path` equals `selector` (a string),
    /// or is a list holding it; "true"/"false" (any case) also match the booleans; a `severity`
    /// is compared without case. Ints and other values never equal the selector's string, as in
    /// dbt.
    public func matches(path: [String], _ selector: String) -> Bool {
        switch storage {
        case .flat(let flat):
            return flat[path.joined(separator: ".")]?.contains(selector) ?? false
        case .object(let object):
            guard let first = path.first, var value = object[first] else { return false }
            for key in path.dropFirst() {
                guard let next = value[key] else { return false }
                value = next
            }
            let caseless = path == ["severity"]
            func equal(_ v: JSON) -> Bool {
                switch v {
                case .string(let s): return caseless ? s.uppercased() == selector.uppercased() : s == selector
                case .bool(let b): return selector.lowercased() == (b ? "true" : "false")
                default: return false
                }
            }
            if case .array(let items) = value { return items.contains(where: equal) }
            return equal(value)
        }
    }
}

// The types dbt's config schema gives its keys, checked on every node's final config: dbt
// refuses `enabled: "yes"`, `tags: 5`, `meta: "text"` when it parses, and a value of the wrong
// type would otherwise be read silently as something else. A value set once in the project
// file for a whole folder is reported once, at its place there.
import FlowcProject

extension ConfigResolver {
    /// Where the project file sets `key` for a node with this fqn: the most specific level's
    /// `+key` (or bare `key`), as the layers apply them.
    func folderSpan(_ type: ResourceType, fqn: [String], key: String) -> SourceSpan? {
        var node: YAMLValue? = folderConfigs[type]
        var depth = 0
        var found: SourceSpan?
        while let current = node, case .map(let pairs, _) = current {
            var next: YAMLValue?
            for p in pairs {
                if p.key == "+" + key || (p.key == key && !isMap(p.value)) { found = p.value.span }
                else if isMap(p.value), depth < fqn.count, p.key == fqn[depth] { next = p.value }
            }
            node = next
            depth += 1
            if depth > fqn.count { break }
        }
        return found
    }

    private func isMap(_ v: YAMLValue) -> Bool {
        if case .map = v { return true }
        return false
    }
}

extension Builder {
    /// The type dbt's schema asks of a config key.
    enum ConfigType {
        case boolean, optionalBoolean, mapping, stringOrStrings, optionalString, optionalInteger

        func accepts(_ v: JSON) -> Bool {
            switch (self, v) {
            case (.boolean, .bool): return true
            case (.optionalBoolean, .bool), (.optionalBoolean, .null): return true
            case (.mapping, .object): return true
            case (.stringOrStrings, .string): return true
            case (.stringOrStrings, .array(let items)): return items.allSatisfy { $0.stringValue != nil }
            case (.optionalString, .string), (.optionalString, .null): return true
            case (.optionalInteger, .int), (.optionalInteger, .null): return true
            default: return false
            }
        }

        var described: String {
            switch self {
            case .boolean: return "true or false"
            case .optionalBoolean: return "true, false or null"
            case .mapping: return "a mapping of keys to values"
            case .stringOrStrings: return "a string or a list of strings"
            case .optionalString: return "a string"
            case .optionalInteger: return "a whole number"
            }
        }
    }

    static let configTypes: [(key: String, type: ConfigType)] = [
        ("enabled", .boolean), ("full_refresh", .optionalBoolean), ("tags", .stringOrStrings), ("meta", .mapping),
        ("grants", .mapping), ("persist_docs", .mapping), ("quoting", .mapping), ("column_types", .mapping),
        ("docs", .mapping), ("contract", .mapping), ("alias", .optionalString), ("schema", .optionalString),
        ("database", .optionalString),
    ]
    static let testConfigTypes: [(key: String, type: ConfigType)] = [
        ("store_failures", .optionalBoolean), ("limit", .optionalInteger), ("where", .optionalString),
    ]

    mutating func checkConfigTypes(patches: [String: [PropertyPatch]]) {
        var reported: Set<String> = []
        let all = manifest.nodes.values.map { $0 } + manifest.disabled.values.map { $0 }
        for node in all.sorted(by: { ($0.uniqueId, $0.originalFilePath) < ($1.uniqueId, $1.originalFilePath) }) {
            guard [.model, .seed, .snapshot, .analysis, .test].contains(node.resourceType) else { continue }
            var checks = Self.configTypes
            if node.resourceType == .test { checks += Self.testConfigTypes }
            var nested: [(String, JSON?, ConfigType)] = checks.map { ($0.key, node.config[$0.key], $0.type) }
            nested.append(("docs.show", node.config["docs"]?["show"], .boolean))
            nested.append(("contract.enforced", node.config["contract"]?["enforced"], .boolean))
            for (key, value, type) in nested {
                guard let value, !type.accepts(value) else { continue }
                // a key missing from dbt's defaults (contract on a seed) is not there to check
                let top = String(key.split(separator: ".").first ?? Substring(key))
                let span = configSpan(node, key: top, type: key == top ? type : .mapping, patches: patches)
                let shown = value.stringValue.map { "'\($0)'" } ?? JSONWriter.string(value)
                let message = "config '\(key)' is \(shown), which is not \(type.described)"
                // one place, one error (a folder's value reaches many nodes, merged with their own tags)
                guard reported.insert("\(span?.description ?? node.uniqueId) \(key)").inserted else { continue }
                error(message, span ?? node.span, hint: hint(for: key, type))
            }
        }
    }

    private func hint(for key: String, _ type: ConfigType) -> String {
        switch type {
        case .boolean, .optionalBoolean: return "write `\(key): true` or `\(key): false`, without quotes"
        case .mapping: return "write `\(key):` as a mapping, e.g. `\(key): {key: value}`"
        case .stringOrStrings: return "write `\(key): name` or `\(key): [a, b]`"
        case .optionalString: return "write `\(key):` as a string"
        case .optionalInteger: return "write `\(key):` as a whole number"
        }
    }

    /// Where a node's wrong config value came from: its config() call or its properties entry
    /// when the value there is wrong itself, else the project file's folder config (a list
    /// key merges all three, and the wrong item may come from any).
    private func configSpan(_ node: Node, key: String, type: ConfigType, patches: [String: [PropertyPatch]]) -> SourceSpan? {
        if let v = node.configCallDict[key], !type.accepts(v) { return node.span }
        let id = node.version == nil ? node.uniqueId : "model.\(node.packageName).\(node.name)"
        if let entry = patches[id]?.first?.entry, let v = entry["config"]?[key] ?? entry[key], !type.accepts(v.json) { return v.span }
        if let span = resolvers[node.packageName]?.folderSpan(node.resourceType, fqn: node.fqn, key: key) { return span }
        return node.span
    }
}

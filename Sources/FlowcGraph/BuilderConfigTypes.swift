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

extension NodeChecks {
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

    mutating func checkConfigTypes(_ node: Node) {
        guard [.model, .seed, .snapshot, .analysis, .test].contains(node.resourceType) else { return }
        // no allocation per node: this runs for every node of a large project
        let config = node.config
        for (key, type) in Self.configTypes {
            if let value = config[key], !type.accepts(value) { reportType(node, key, value, type) }
        }
        if node.resourceType == .test {
            for (key, type) in Self.testConfigTypes {
                if let value = config[key], !type.accepts(value) { reportType(node, key, value, type) }
            }
        }
        if let show = config["docs"]?["show"], !ConfigType.boolean.accepts(show) {
            reportType(node, "docs.show", show, .boolean)
        }
        if let enforced = config["contract"]?["enforced"], !ConfigType.boolean.accepts(enforced) {
            reportType(node, "contract.enforced", enforced, .boolean)
        }
    }

    private mutating func reportType(_ node: Node, _ key: String, _ value: JSON, _ type: ConfigType) {
        let top = String(key.split(separator: ".").first ?? Substring(key))
        let layerType = key == top ? type : .mapping
        let span = configSpan(node, key: top) { !layerType.accepts($0) }
        let shown = value.stringValue.map { "'\($0)'" } ?? JSONWriter.string(value)
        oncePerPlace[diagnostics.count] = "\(span?.description ?? "") \(key)"
        error("config '\(key)' is \(shown), which is not \(type.described)", span ?? node.span, hint: hint(for: key, type))
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
    /// when the value there is wrong itself (`isWrong`; by default, when it is set there), else
    /// the project file's folder config (a list key merges all three, and the wrong item may
    /// come from any), else the node's file.
    func configSpan(_ node: Node, key: String, isWrong: (JSON) -> Bool = { _ in true }) -> SourceSpan? {
        if let v = node.configCallDict[key], isWrong(v) { return node.span }
        if let entry = patches[Self.patchKey(node)]?.first?.entry, let v = entry["config"]?[key] ?? entry[key], isWrong(v.json) {
            return v.span
        }
        if let span = resolvers[node.packageName]?.folderSpan(node.resourceType, fqn: node.fqn, key: key) { return span }
        return node.span
    }
}

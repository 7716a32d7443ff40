// Node configuration as dbt resolves it: defaults per resource type, then project-file folder
// configs along the node's fqn (`models: {bench: {staging: {+materialized: view}}}`), then the
// properties YAML `config:`, then the file's own `config()` calls. Tags and hooks accumulate
// and meta dictionaries merge; other keys are replaced by the more specific level.
import FlowcProject

enum ConfigMerge {
    // dbt's merge behaviours: lists that append, dictionaries updated key by key, and `grants`,
    // whose `+privilege` keys extend the grantee list instead of replacing it. Other keys
    // (persist_docs included) are replaced by the more specific level.
    static let appendingKeys: Set<String> = ["tags", "pre-hook", "post-hook", "pre_hook", "post_hook", "packages"]
    static let mergingKeys: Set<String> = ["meta", "docs", "contract", "quoting", "column_types"]

    /// dbt spells hooks with a dash in configs; `pre_hook` in config() means the same.
    static func canonicalKey(_ key: String) -> String {
        var k = key.hasPrefix("+") ? String(key.dropFirst()) : key
        if k == "pre_hook" { k = "pre-hook" }
        if k == "post_hook" { k = "post-hook" }
        if k == "data_tests" { k = "tests" }
        return k
    }

    static func asList(_ v: JSON) -> [JSON] {
        if case .array(let a) = v { return a }
        if case .null = v { return [] }
        return [v]
    }

    static func merged(key: String, old: JSON?, new: JSON) -> JSON {
        let k = canonicalKey(key)
        guard let old, !old.isNull else { return appendingKeys.contains(k) ? .array(asList(new)) : new }
        if appendingKeys.contains(k) {
            var out = asList(old)
            for item in asList(new) where !(k == "tags" && out.contains(item)) { out.append(item) }
            return .array(out)
        }
        if mergingKeys.contains(k), case .object(var o) = old, case .object(let n) = new {
            for (nk, nv) in n { o[nk] = nv }
            return .object(o)
        }
        if k == "grants", case .object(let o) = old, case .object(let n) = new {
            var out = JSONObject()
            for (ok, ov) in o { out[ok] = .array(asList(ov)) }
            for (nk, nv) in n {
                let extend = nk.hasPrefix("+")
                let key = extend ? String(nk.drop { $0 == "+" }) : nk
                if extend, case .array(let have)? = out[key] { out[key] = .array(have + asList(nv)) }
                else { out[key] = .array(asList(nv)) }
            }
            return .object(out)
        }
        return new
    }

    static func apply(_ layer: JSONObject, to config: inout JSONObject) {
        for (k, v) in layer {
            let key = canonicalKey(k)
            config[key] = merged(key: key, old: config[key], new: v)
        }
    }
}

extension YAMLValue {
    /// Plain JSON of a YAML value (spans dropped).
    public var json: JSON {
        switch self {
        case .null: return .null
        case .bool(let b, _): return .bool(b)
        case .int(let i, _): return .int(i)
        case .double(let d, _): return .double(d)
        case .string(let s, _): return .string(s)
        case .list(let items, _): return .array(items.map(\.json))
        case .map(let pairs, _):
            var o = JSONObject()
            for p in pairs { o[p.key] = p.value.json }
            return .object(o)
        }
    }
}

struct ConfigResolver {
    let projectName: String
    let folderConfigs: [ResourceType: YAMLValue]
    /// The same trees before the project file's Jinja rendered.
    var unrenderedFolderConfigs: [ResourceType: YAMLValue] = [:]

    /// dbt's TestConfig.finalize_and_validate: `store_failures_as` decides `store_failures`
    /// (`ephemeral` false, `table`/`view` or anything else true, the test then failing on the
    /// value), else `store_failures` sets it (`table` when true, `ephemeral` when false).
    /// Nil when they agree already (most tests set neither): the node is then left as it is,
    /// rather than copied out of the lists that share it.
    static func storeFailuresFinalized(_ c: JSONObject) -> JSONObject? {
        let key: String, value: JSON
        if let asValue = c["store_failures_as"], !asValue.isNull {
            (key, value) = ("store_failures", .bool(asValue.stringValue != "ephemeral"))
        } else if let stores = c["store_failures"]?.boolValue {
            (key, value) = ("store_failures_as", .string(stores ? "table" : "ephemeral"))
        } else {
            return nil
        }
        if c[key] == value { return nil }
        var c = c
        c[key] = value
        return c
    }

    /// dbt's default config for a resource type, in the key order dbt writes them (computed
    /// once per type: every node starts from it).
    static func defaults(_ type: ResourceType) -> JSONObject {
        defaultsByType[type] ?? makeDefaults(type)
    }

    private static let defaultsByType: [ResourceType: JSONObject] =
        Dictionary(uniqueKeysWithValues: ResourceType.allCases.map { ($0, makeDefaults($0)) })

    private static func makeDefaults(_ type: ResourceType) -> JSONObject {
        var c = JSONObject()
        c["enabled"] = true
        c["alias"] = .null
        c["schema"] = .null
        c["database"] = .null
        c["tags"] = .array([])
        c["meta"] = .object(JSONObject())
        c["group"] = .null
        c["static_analysis"] = .null
        switch type {
        case .test:
            // dbt stores test failures (and names test relations) under this schema suffix
            c["schema"] = "dbt_test__audit"
            c["materialized"] = "test"
            c["severity"] = "ERROR"
            c["store_failures"] = .null
            c["store_failures_as"] = .null
            c["where"] = .null
            c["limit"] = .null
            c["fail_calc"] = "count(*)"
            c["warn_if"] = "!= 0"
            c["error_if"] = "!= 0"
            return c
        case .seed:
            c["materialized"] = "seed"
        case .snapshot:
            c["materialized"] = "snapshot"
        default:
            c["materialized"] = "view"
        }
        c["incremental_strategy"] = .null
        c["batch_size"] = .null
        c["lookback"] = 1
        c["begin"] = .null
        c["persist_docs"] = .object(JSONObject())
        c["post-hook"] = .array([])
        c["pre-hook"] = .array([])
        c["quoting"] = .object(JSONObject())
        c["column_types"] = .object(JSONObject())
        c["full_refresh"] = .null
        c["unique_key"] = .null
        c["on_schema_change"] = "ignore"
        c["on_configuration_change"] = "apply"
        c["grants"] = .object(JSONObject())
        c["packages"] = .array([])
        c["docs"] = .object(JSONObject([("show", true), ("node_color", .null)]))
        c["contract"] = .object(JSONObject([("enforced", false), ("alias_types", true)]))
        c["event_time"] = .null
        c["concurrent_batches"] = .null
        switch type {
        case .seed:
            c["delimiter"] = ","
            c["quote_columns"] = .null
        case .model:
            c["access"] = "protected"
            c["freshness"] = .null
        case .snapshot:
            for key in ["strategy", "target_schema", "target_database", "updated_at", "check_cols"] { c[key] = .null }
            c["snapshot_meta_column_names"] = .object(JSONObject(
                ["dbt_valid_to", "dbt_valid_from", "dbt_scd_id", "dbt_updated_at", "dbt_is_deleted"].map { ($0, JSON.null) }))
            c["dbt_valid_to_current"] = .null
        default:
            break
        }
        return c
    }

    /// The project file's folder configs that apply to a node with this fqn, most general first.
    /// `fqn` starts with the package name; sources use their source/table path.
    func folderLayers(_ type: ResourceType, fqn: [String], unrendered: Bool = false) -> [JSONObject] {
        Self.layers(in: unrendered ? unrenderedFolderConfigs[type] : folderConfigs[type], fqn: fqn)
    }

    /// The folder configs with their keys' text as written, for `unrendered_config`.
    func folderLayersWithText(_ type: ResourceType, fqn: [String]) -> [(layer: JSONObject, text: JSONObject)] {
        Self.paired(folderLayers(type, fqn: fqn), folderLayers(type, fqn: fqn, unrendered: true))
    }

    /// Rendered layers beside the same layers unrendered: rendering changes values, not the
    /// tree, so they pair up; where they do not (no unrendered tree), the rendered values stand.
    static func paired(_ layers: [JSONObject], _ texts: [JSONObject]) -> [(layer: JSONObject, text: JSONObject)] {
        guard layers.count == texts.count else { return layers.map { ($0, $0) } }
        return zip(layers, texts).map { layer, text in
            var out = JSONObject()
            for (k, v) in layer { out[k] = text[k] ?? v }
            return (layer, out)
        }
    }

    /// The layers of one project-file tree (`models:`, `metrics:`, …) along `fqn`.
    static func layers(in tree: YAMLValue?, fqn: [String]) -> [JSONObject] {
        guard let tree else { return [] }
        var layers: [JSONObject] = []
        var node: YAMLValue? = tree
        var depth = 0
        while let current = node, case .map(let pairs, _) = current {
            var layer = JSONObject()
            var next: YAMLValue?
            for p in pairs {
                if p.key.hasPrefix("+") {
                    layer[p.key] = p.value.json
                } else if case .map = p.value {
                    // a mapping without `+` is a folder, even under a config's name (`meta:`,
                    // `grants:`): dbt 1.11 applies no config from it
                    if depth < fqn.count && p.key == fqn[depth] { next = p.value }
                } else {
                    layer[p.key] = p.value.json
                }
            }
            if !layer.isEmpty { layers.append(layer) }
            node = next
            depth += 1
            // the last level is the node's own name (`seeds: {shop: {raw_orders: {+column_types: …}}}`)
            if depth > fqn.count { break }
        }
        return layers
    }
}

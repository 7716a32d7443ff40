// One manifest node (model, seed, test, snapshot, analysis, operation) in dbt 1.11's shape and key
// order. Split from ManifestWriter.swift because nodes carry most of the format's rules: which
// fields each resource type has, the compiled-only fields, and the inferred primary key.
//
// dbt's field order, shared by all nodes up to `doc_blocks`:
//   database schema name resource_type package_name path original_file_path unique_id fqn alias
//   checksum config tags description columns meta group docs patch_path build_path
//   unrendered_config created_at relation_name raw_code doc_blocks
// then seeds: root_path depends_on{macros}; everything else: language refs sources metrics
// functions depends_on{macros,nodes} compiled_path [compiled compiled_code extra_ctes_injected
// extra_ctes] contract, and models add access … time_spine, generic tests column_name …
// test_metadata. dbt drops the bracketed fields of a node that was not compiled (`dbt parse`).

struct NodeJSONContext {
    let createdAt: Double
    let projectRoot: String
    /// Installed packages' directories (a package's seeds have the package as `root_path`).
    let packageDirectories: [String: String]
    /// Generic tests by the model they are attached to, for `primary_key` inference.
    var testsByModel: [String: [(test: Node, enabled: Bool)]] = [:]
    /// Column lineage by node: each column's `lineage` value, and columns the SQL produces
    /// beyond those the YAML documents.
    var columnLineage: @Sendable (String) -> [ManifestWriter.ColumnLineage]? = { _ in nil }

    init(_ m: Manifest, createdAt: Double, projectRoot: String) {
        self.createdAt = createdAt
        self.projectRoot = projectRoot
        packageDirectories = m.packageDirectories
        for (_, t) in m.nodes.sorted(by: { $0.key < $1.key }) where t.testMetadata != nil {
            if let a = t.attachedNode { testsByModel[a, default: []].append((t, true)) }
        }
        for (_, t) in m.disabled.sorted(by: { $0.key < $1.key }) where t.testMetadata != nil {
            if let a = t.attachedNode { testsByModel[a, default: []].append((t, false)) }
        }
    }

    /// Whether dbt gives this node a relation_name: refable nodes that exist in the warehouse.
    static func hasRelation(_ n: Node) -> Bool {
        switch n.resourceType {
        case .model: return n.materialized != "ephemeral"
        case .seed, .snapshot: return true
        default: return false
        }
    }

    func node(_ n: Node, compiled: ManifestWriter.Compiled?, relationName: String?) -> JSON {
        typealias W = ManifestWriter
        let isGenericTest = n.resourceType == .test && n.testMetadata != nil
        let checksum: JSON = isGenericTest
            ? .object(JSONObject([("name", "none"), ("checksum", "")]))
            : .object(JSONObject([("name", .string(n.checksumName)), ("checksum", .string(n.checksum))]))
        var meta = n.meta
        if meta.objectValue?.isEmpty ?? true, let c = n.config["meta"], c.objectValue?.isEmpty == false { meta = c }
        let docs = JSON.object(JSONObject([
            ("show", .bool(n.docsShow)),
            ("node_color", n.config["docs"]?["node_color"] ?? .null),
        ]))

        var o: [(String, JSON)] = [
            ("database", n.database.isEmpty ? .null : .string(n.database)),
            ("schema", .string(n.schema)),
            ("name", .string(n.name)),
            ("resource_type", .string(n.resourceType.rawValue)),
            ("package_name", .string(n.packageName)),
            ("path", .string(n.path)),
            ("original_file_path", .string(n.originalFilePath)),
            ("unique_id", .string(n.uniqueId)),
            ("fqn", W.jsonStrings(n.fqn)),
            ("alias", .string(n.alias.isEmpty ? n.name : n.alias)),
            ("checksum", checksum),
            ("config", .object(n.config)),
            ("tags", W.jsonStrings(n.tags)),
            ("description", .string(n.description)),
            ("columns", W.columnsJSON(n.columns, lineage: columnLineage(n.uniqueId))),
            ("meta", meta),
            ("group", n.config["group"] ?? .null),
            ("docs", docs),
            ("patch_path", W.jsonString(n.patchPath)),
            ("build_path", .null),
            ("unrendered_config", .object(n.unrenderedConfig)),
            ("created_at", .double(createdAt)),
            ("relation_name", W.jsonString(relationName)),
            ("raw_code", .string(n.rawCode)),
            ("doc_blocks", W.jsonStrings(n.docBlocks)),
        ]
        o.reserveCapacity(48)
        func set(_ key: String, _ value: JSON) { o.append((key, value)) }

        if n.resourceType == .seed {
            set("root_path", .string(packageDirectories[n.packageName].map { projectRoot + "/" + $0 } ?? projectRoot))
            set("depends_on", .object(JSONObject([("macros", W.jsonStrings(n.dependsOnMacros))])))
            return .object(JSONObject(uniqueKeys: o))
        }

        set("language", .string(n.language))
        set("refs", W.refsJSON(n.refs))
        set("sources", .array(n.sources.map(W.jsonStrings)))
        set("metrics", .array([]))
        set("functions", .array([]))
        set("depends_on", .object(JSONObject([
            ("macros", W.jsonStrings(n.dependsOnMacros)),
            ("nodes", W.jsonStrings(n.dependsOnNodes)),
        ])))
        set("compiled_path", W.jsonString(compiled?.path))
        if let c = compiled {
            set("compiled", true)
            set("compiled_code", .string(c.sql))
            set("extra_ctes_injected", true)
            set("extra_ctes", .array(c.extraCTEs.map { .object(JSONObject([("id", .string($0.id)), ("sql", .string($0.sql))])) }))
        }
        let contract = n.config["contract"]
        set("contract", .object(JSONObject([
            ("enforced", contract?["enforced"] ?? false),
            ("alias_types", contract?["alias_types"] ?? true),
            ("checksum", .null),
        ])))

        switch n.resourceType {
        case .model:
            set("access", n.config["access"] ?? "protected")
            set("constraints", .array([]))
            set("version", ModelVersions.json(n.version))
            set("latest_version", ModelVersions.json(n.latestVersion))
            set("deprecation_date", .null)
            set("primary_key", W.jsonStrings(primaryKey(n)))
            set("time_spine", .null)
        case .test where isGenericTest:
            set("column_name", W.jsonString(n.columnName))
            set("file_key_name", W.jsonString(n.fileKeyName))
            set("attached_node", W.jsonString(n.attachedNode))
            if let t = n.testMetadata {
                set("test_metadata", .object(JSONObject([
                    ("name", .string(t.name)),
                    ("kwargs", .object(t.kwargs)),
                    ("namespace", W.jsonString(t.namespace)),
                ])))
            }
        case .operation:
            // Hooks are `<project>-on-run-start-<index>`; dbt records the index.
            let index = n.name.split(separator: "-").last.flatMap { Int($0) }
            set("index", index.map { .int($0) } ?? .null)
        default:
            break
        }
        return .object(JSONObject(uniqueKeys: o))
    }

    /// dbt's ModelNode.infer_primary_key: a column with a primary_key constraint; else columns
    /// with both an enabled unique and a not_null test; else columns with an enabled unique test;
    /// else with a disabled one. dbt collects these in a Python set (unordered); flowc sorts.
    func primaryKey(_ n: Node) -> [String] {
        for c in n.columns where c.constraints.contains(where: { $0["type"]?.stringValue == "primary_key" }) {
            return [c.name]
        }
        var enabledUnique = Set<String>(), disabledUnique = Set<String>(), notNull = Set<String>()
        for (t, enabled) in testsByModel[n.uniqueId] ?? [] {
            guard let md = t.testMetadata else { continue }
            var columns: [String] = []
            if case .string(let c)? = md.kwargs["column_name"] {
                columns = [c]
            } else if case .array(let cs)? = md.kwargs["combination_of_columns"] {
                columns = cs.compactMap(\.stringValue)
            }
            for c in columns {
                if md.name == "unique" || md.name == "unique_combination_of_columns" {
                    if enabled && t.enabled { enabledUnique.insert(c) } else { disabledUnique.insert(c) }
                } else if md.name == "not_null" {
                    notNull.insert(c)
                }
            }
        }
        let both = enabledUnique.intersection(notNull)
        if !both.isEmpty { return both.sorted() }
        if !enabledUnique.isEmpty { return enabledUnique.sorted() }
        return disabledUnique.sorted()
    }
}

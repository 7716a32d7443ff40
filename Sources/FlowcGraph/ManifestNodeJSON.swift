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

import FlowcProject

struct NodeJSONContext {
    let createdAt: Double
    let projectRoot: String
    /// Installed packages' directories (a package's seeds have the package as `root_path`).
    let packageDirectories: [String: String]
    /// Generic tests by the model they are attached to, for `primary_key` inference.
    var testsByModel: [String: [(test: Node, enabled: Bool)]] = [:]
    /// Grouped nodes' groups: a generic test is written with the group of the node it is
    /// attached to, as dbt does.
    var attachedGroups: [String: String] = [:]
    /// Models' `time_spine:` properties.
    let timeSpines: [String: JSON]
    /// Column lineage by node: each column's `lineage` value, and columns the SQL produces
    /// beyond those the YAML documents.
    var columnLineage: @Sendable (String) -> [ManifestWriter.ColumnLineage]? = { _ in nil }
    /// The target/run/ file of each node a run executed (dbt's `build_path`).
    var buildPaths: [String: String] = [:]
    /// Foreign keys' `to`, rendered (ManifestConstraintJSON.swift); empty where nothing renders them.
    var foreignKeyRelations: [String: String] = [:]
    /// Each project hook's place among the hooks of its kind a run executed, from 1: dbt's run
    /// sets a hook's `index` so; without a run it is the hook's own index, from 0.
    var hookIndexes: [String: Int] = [:]

    init(_ m: Manifest, createdAt: Double, projectRoot: String) {
        self.createdAt = createdAt
        self.projectRoot = projectRoot
        packageDirectories = m.packageDirectories
        timeSpines = m.timeSpines
        // one pass over the nodes on two threads for both maps, then only the tests sorted
        // (sorting every node by id for them was most of the manifest's set-up)
        let scanned = m.nodes.parallelCompactMap(threads: 2) { id, n -> (id: String, group: String?, test: Node?)? in
            let group = Manifest.groupName(n.config["group"])
            let test = n.testMetadata != nil && n.attachedNode != nil ? n : nil
            return group == nil && test == nil ? nil : (id, group, test)
        }
        for entry in scanned { if let g = entry.group { attachedGroups[entry.id] = g } }
        for (id, n) in m.disabled where attachedGroups[id] == nil {
            if let g = Manifest.groupName(n.config["group"]) { attachedGroups[id] = g }
        }
        for entry in scanned.filter({ $0.test != nil }).sorted(by: { utf8Precedes($0.id, $1.id) }) {
            if let t = entry.test, let a = t.attachedNode { testsByModel[a, default: []].append((t, true)) }
        }
        for (_, t) in m.disabled.sorted(by: { $0.key < $1.key }) where t.testMetadata != nil {
            if let a = t.attachedNode { testsByModel[a, default: []].append((t, false)) }
        }
    }

    /// Whether dbt gives this node a relation_name: refable nodes that exist in the warehouse,
    /// and tests configured to store their failures (the audit table; dbt's is_relational).
    static func hasRelation(_ n: Node, storeFailuresFlag: Bool = false) -> Bool {
        switch n.resourceType {
        case .model: return n.materialized != "ephemeral"
        case .seed, .snapshot: return true
        case .test: return n.storesFailures(flag: storeFailuresFlag)
        default: return false
        }
    }

    func node(_ n: Node, compiled: ManifestWriter.Compiled?, relationName: String?) -> JSON {
        var sink = JSONValueSink()
        describe(n, compiled: compiled, relationName: relationName, into: &sink)
        return sink.result
    }

    /// The node's JSON object, written into `s` field by field (see JSONSink.swift).
    func describe<S: JSONSink>(_ n: Node, compiled: ManifestWriter.Compiled?, relationName: String?, into s: inout S) {
        let isGenericTest = n.resourceType == .test && n.testMetadata != nil
        var meta = n.meta
        if meta.objectValue?.isEmpty ?? true, let c = n.config["meta"], c.objectValue?.isEmpty == false { meta = c }

        s.beginObject()
        s.field("database", optional: n.database.isEmpty ? nil : n.database)
        s.field("schema", string: n.schema)
        s.field("name", string: n.name)
        s.field("resource_type", string: n.resourceType.rawValue)
        s.field("package_name", string: n.packageName)
        s.field("path", string: n.path)
        s.field("original_file_path", string: n.originalFilePath)
        s.field("unique_id", string: n.uniqueId)
        s.field("fqn", strings: n.fqn)
        s.field("alias", string: n.alias.isEmpty ? n.name : n.alias)
        s.object("checksum") { s in
            s.field("name", string: isGenericTest ? "none" : n.checksumName)
            s.field("checksum", string: isGenericTest ? "" : n.checksum)
        }
        s.field("config", .object(HookConfig.manifestConfig(n.config)))
        // a hook's node is tagged with its kind; its config's tags stay the project's
        s.field("tags", strings: n.resourceType == .operation ? [n.name.contains("on-run-end") ? "on-run-end" : "on-run-start"] : n.tags)
        s.field("description", string: n.description)
        s.key("columns")
        ManifestWriter.describeColumns(n.columns, lineage: columnLineage(n.uniqueId), into: &s) { constraintJSON($0, of: n, modelLevel: false) }
        s.field("meta", meta)
        // a generic test is in its model's group (none included), whatever its own config says
        s.field("group", optional: isGenericTest && n.attachedNode != nil
                ? n.attachedNode.flatMap { attachedGroups[$0] } : Manifest.groupName(n.config["group"]))
        s.object("docs") { s in
            s.field("show", .bool(n.docsShow))
            s.field("node_color", n.config["docs"]?["node_color"] ?? .null)
        }
        s.field("patch_path", optional: n.patchPath)
        s.field("build_path", optional: buildPaths[n.uniqueId])
        s.field("unrendered_config", .object(n.unrenderedConfig))
        s.field("created_at", .double(createdAt))
        s.field("relation_name", optional: relationName)
        s.field("raw_code", string: n.rawCode)
        s.field("doc_blocks", strings: n.docBlocks)

        if n.resourceType == .seed {
            s.field("root_path", string: packageDirectories[n.packageName].map { projectRoot + "/" + $0 } ?? projectRoot)
            s.object("depends_on") { $0.field("macros", strings: n.dependsOnMacros) }
            s.endObject()
            return
        }

        s.field("language", string: n.language)
        s.array("refs") { s in
            for r in n.refs + Self.foreignKeyRefs(n) {
                s.beginObject()
                s.field("name", string: r.name)
                s.field("package", optional: r.package)
                s.field("version", ModelVersions.json(r.version))
                s.endObject()
            }
        }
        s.array("sources") { s in
            for source in n.sources {
                s.beginArray()
                for part in source { s.string(part) }
                s.endArray()
            }
        }
        s.field("metrics", .array([]))
        s.field("functions", .array([]))
        s.object("depends_on") { s in
            // a compiled generic test rendered get_where_subquery(model), which dbt adds then
            let whereMacro = "macro.dbt.get_where_subquery"
            s.field("macros", strings: isGenericTest && compiled != nil && !n.dependsOnMacros.contains(whereMacro)
                    ? n.dependsOnMacros + [whereMacro] : n.dependsOnMacros)
            s.field("nodes", strings: n.dependsOnNodes)
        }
        s.field("compiled_path", optional: compiled.flatMap { n.writesCompiledFile(sql: $0.sql) ? $0.path : nil })
        if let c = compiled {
            s.field("compiled", true)
            s.field("compiled_code", string: c.sql)
            s.field("extra_ctes_injected", true)
            s.array("extra_ctes") { s in
                for cte in c.extraCTEs {
                    s.beginObject()
                    s.field("id", string: cte.id)
                    s.field("sql", string: cte.sql)
                    s.endObject()
                }
            }
        }
        let contract = n.config["contract"]
        s.object("contract") { s in
            s.field("enforced", contract?["enforced"] ?? false)
            s.field("alias_types", contract?["alias_types"] ?? true)
            s.field("checksum", ContractChecksum.of(n).map { .string($0) } ?? .null)
        }

        switch n.resourceType {
        case .model:
            s.field("access", n.config["access"] ?? "protected")
            s.field("constraints", .array(n.constraints.map { constraintJSON($0, of: n, modelLevel: true) }))
            s.field("version", ModelVersions.json(n.version))
            s.field("latest_version", ModelVersions.json(n.latestVersion))
            s.field("deprecation_date", optional: n.deprecationDate)
            s.field("primary_key", strings: primaryKey(n))
            s.field("time_spine", timeSpines[n.uniqueId] ?? .null)
        case .test where isGenericTest:
            s.field("column_name", optional: n.columnName)
            s.field("file_key_name", optional: n.fileKeyName)
            s.field("attached_node", optional: n.attachedNode)
            if let t = n.testMetadata {
                s.object("test_metadata") { s in
                    s.field("name", string: t.name)
                    s.field("kwargs", .object(t.kwargs))
                    s.field("namespace", optional: t.namespace)
                }
            }
        case .operation:
            // Hooks are `<project>-on-run-start-<index>`; dbt records the index.
            let index = hookIndexes[n.uniqueId] ?? n.name.split(separator: "-").last.flatMap { Int($0) }
            s.field("index", index.map { .int($0) } ?? .null)
        default:
            break
        }
        s.endObject()
    }

    /// dbt's ModelNode.infer_primary_key: a column with a primary_key constraint; else columns
    /// with both an enabled unique and a not_null test; else columns with an enabled unique test;
    /// else with a disabled one. dbt collects these in a Python set (unordered); flowc sorts.
    func primaryKey(_ n: Node) -> [String] {
        // a model-level primary_key constraint first, as dbt does
        for c in n.constraints where c["type"]?.stringValue == "primary_key" {
            let columns = (c["columns"]?.arrayValue ?? []).compactMap(\.stringValue)
            if !columns.isEmpty { return columns }
        }
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

extension Node {
    /// Whether dbt's artifacts give this node a relation_name (NodeJSONContext.hasRelation).
    public var hasRelationName: Bool { NodeJSONContext.hasRelation(self) }

    /// Whether a test keeps its failing rows in the audit schema (dbt's should_store_failures):
    /// by its config, else by the command's --store-failures.
    public func storesFailures(flag: Bool) -> Bool {
        if let as_ = config["store_failures_as"], !as_.isNull { return ["table", "view"].contains(as_.stringValue ?? "") }
        return config["store_failures"]?.boolValue ?? flag
    }

    /// Whether compiling the node to `sql` writes a file to target/compiled (and the manifest a
    /// compiled_path): dbt writes none for a snapshot, nor for any node that compiles to nothing
    /// (its _write_node writes non-empty code only); their manifest entries still hold the code.
    public func writesCompiledFile(sql: String) -> Bool {
        resourceType != .snapshot && !sql.isEmpty
    }
}

extension Manifest {
    /// Whether dbt gives this node a relation_name in this command (a test by its config or the
    /// command's --store-failures): the manifest, `graph`, and run results alike.
    public func hasRelationName(_ n: Node) -> Bool { NodeJSONContext.hasRelation(n, storeFailuresFlag: storeFailuresFlag) }
}

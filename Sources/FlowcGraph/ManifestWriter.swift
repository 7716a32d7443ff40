// Writes a Manifest as dbt's target/manifest.json (schema v12, as dbt 1.11 writes it): the same
// keys, in dbt's order, with dbt's null-filled defaults, so catalogs, CI bots and the docs site
// read flowc's manifest as they read dbt's. Nodes are written by ManifestNodeJSON.swift; this file
// holds the metadata, the top level, sources, macros, docs, exposures and the graph maps.
//
// Invariants: output is a pure function of the inputs (no clock, no environment; the caller passes
// timestamps and env in ManifestMetadata), and every map is written sorted by key so two runs on
// the same project give byte-identical files apart from the metadata.
import FlowcProject
import FlowcSQLParser
import Foundation

/// The `metadata` block of the manifest. Timestamps come from the caller (the CLI owns the clock).
public struct ManifestMetadata: Sendable {
    public var dbtVersion = "1.11.0"
    /// ISO 8601 in UTC with a `Z`, e.g. "2026-11-22T04:22:22.582673Z".
    public var generatedAt: String
    public var invocationId: String
    public var invocationStartedAt: String
    public var projectName: String
    /// MD5 hex of the project name, as dbt computes it.
    public var projectId: String
    public var adapterType: String
    /// DBT_ENV_CUSTOM_ENV_* variables with the prefix removed (see `customEnv(_:)`).
    public var env: [String: String]
    /// The adapter's quoting policy: {database, schema, identifier, column}.
    public var quoting: JSONObject
    /// dbt writes this one as "+00:00" rather than "Z".
    public var runStartedAt: String
    public var userId: String?
    public var sendAnonymousUsageStats = false
    /// Epoch seconds written as every node's, source's and macro's `created_at`.
    public var createdAt: Double
    /// selectors.yml as dbt records it (ManifestSelectors.swift); empty without one.
    public var selectors = JSONObject()

    public init(
        generatedAt: String, invocationId: String, invocationStartedAt: String, projectName: String,
        adapterType: String, env: [String: String] = [:],
        quoting: JSONObject = JSONObject([("database", true), ("schema", true), ("identifier", true), ("column", nil)]),
        runStartedAt: String, createdAt: Double, dbtVersion: String = "1.11.0"
    ) {
        self.generatedAt = generatedAt
        self.invocationId = invocationId
        self.invocationStartedAt = invocationStartedAt
        self.projectName = projectName
        self.projectId = Hashing.md5Hex(projectName)
        self.adapterType = adapterType
        self.env = env
        self.quoting = quoting
        self.runStartedAt = runStartedAt
        self.createdAt = createdAt
        self.dbtVersion = dbtVersion
    }

    public static let customEnvPrefix = "DBT_ENV_CUSTOM_ENV_"

    /// The variables dbt copies into `metadata.env`: DBT_ENV_CUSTOM_ENV_NAME=v becomes NAME: v.
    public static func customEnv(_ environment: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in environment where k.hasPrefix(customEnvPrefix) {
            out[String(k.dropFirst(customEnvPrefix.count))] = v
        }
        return out
    }
}

public enum ManifestWriter {
    public static let schemaVersion = "https://schemas.getdbt.com/dbt/manifest/v12.json"

    /// A node's compile result: the SQL after ephemeral CTE injection, where it was written
    /// ("target/compiled/<package>/<original_file_path>"), and the injected CTEs in order.
    public typealias Compiled = (sql: String, path: String, extraCTEs: [(id: String, sql: String)])

    /// The whole manifest as an ordered JSON value.
    /// - relationName: the dialect's rendering of a model/seed/snapshot relation (`main."orders"`);
    ///   not called for ephemeral models, tests, analyses and operations, which dbt writes as null.
    /// - projectRoot: the absolute project directory, written as seeds' `root_path`.
    public static func json(
        _ m: Manifest, metadata: ManifestMetadata, projectRoot: String,
        compiled: [String: Compiled] = [:],
        relationName: (Node) -> String?, sourceRelationName: (SourceTable) -> String?
    ) -> JSON {
        var ctx = NodeJSONContext(m, createdAt: metadata.createdAt, projectRoot: projectRoot)
        ctx.foreignKeyRelations = NodeJSONContext.foreignKeyRelations(m, relationName: relationName, sourceRelationName: sourceRelationName)

        var nodes = JSONObject()
        for id in m.writtenNodeIds {
            guard let n = m.writtenNode(id) else { continue }
            nodes[id] = ctx.node(n, compiled: compiled[id], relationName: m.hasRelationName(n) ? relationName(n) : nil)
        }
        var sources = JSONObject()
        for id in m.sources.keys.sorted() {
            guard let s = m.sources[id] else { continue }
            sources[id] = source(s, createdAt: metadata.createdAt, relationName: sourceRelationName(s))
        }
        var macros = JSONObject()
        for id in m.macros.keys.sorted() {
            guard let x = m.macros[id] else { continue }
            macros[id] = macro(x, createdAt: metadata.createdAt)
        }
        var docs = JSONObject()
        for id in m.docs.keys.sorted() {
            guard let d = m.docs[id] else { continue }
            docs[id] = doc(d)
        }
        var exposures = JSONObject()
        for id in m.exposures.keys.sorted() {
            guard let x = m.exposures[id] else { continue }
            exposures[id] = exposure(x, createdAt: metadata.createdAt)
        }
        // dbt keys `disabled` by unique id, each holding a list (a versioned or per-target
        // duplicate can be disabled more than once); flowc keeps one per id.
        var disabled = JSONObject()
        for id in (Array(m.disabled.keys) + Array(m.disabledExposures.keys)).sorted() {
            if let x = m.disabledExposures[id] { disabled[id] = .array([disabledExposure(x, createdAt: metadata.createdAt)]) }
            guard let n = m.disabled[id] else { continue }
            disabled[id] = .array([n.resourceType == .unitTest ? unitTest(n, createdAt: metadata.createdAt)
                                   : ctx.node(n, compiled: nil, relationName: m.hasRelationName(n) ? relationName(n) : nil)])
        }
        var groups = JSONObject()
        for id in m.groups.keys.sorted() {
            if let g = m.groups[id] { groups[id] = group(g) }
        }
        var unitTests = JSONObject()
        for id in m.unitTests.keys.sorted() {
            guard let n = m.unitTests[id] else { continue }
            unitTests[id] = unitTest(n, createdAt: metadata.createdAt)
        }
        let empty = JSON.object(JSONObject())
        return .object(JSONObject([
            ("metadata", metadataJSON(metadata)),
            ("nodes", .object(nodes)),
            ("sources", .object(sources)),
            ("macros", .object(macros)),
            ("docs", .object(docs)),
            ("exposures", .object(exposures)),
            ("metrics", semanticSection(.metric, createdAt: metadata.createdAt, manifest: m, relationName: relationName)),
            ("groups", .object(groups)),
            ("selectors", .object(metadata.selectors)),
            ("disabled", .object(disabled)),
            ("parent_map", graphMap(m.withOperations(m.parentMap, children: false))),
            ("child_map", graphMap(m.withOperations(m.childMap, children: true))),
            ("group_map", graphMap(m.groupMap)),
            ("saved_queries", semanticSection(.savedQuery, createdAt: metadata.createdAt, manifest: m, relationName: relationName)),
            ("semantic_models", semanticSection(.semanticModel, createdAt: metadata.createdAt, manifest: m, relationName: relationName)),
            ("unit_tests", .object(unitTests)),
            ("functions", empty),
        ]))
    }

    /// Serialises the manifest to `path`, creating parent directories. Streams: each node's
    /// JSON is built, encoded and dropped in turn, so a 20,000-node manifest never exists twice
    /// in memory (once as values, once as bytes). The bytes equal `json(...)` encoded.
    public static func write(
        _ m: Manifest, metadata: ManifestMetadata, projectRoot: String,
        compiled: [String: Compiled] = [:],
        columnLineage: @escaping @Sendable (String) -> [ColumnLineage]? = { _ in nil },
        buildPaths: [String: String] = [:],
        hookIndexes: [String: Int] = [:],
        relationName: @escaping @Sendable (Node) -> String?,
        sourceRelationName: (SourceTable) -> String?,
        to path: String
    ) throws {
        let ctx = {
            var c = NodeJSONContext(m, createdAt: metadata.createdAt, projectRoot: projectRoot)
            c.columnLineage = columnLineage
            c.buildPaths = buildPaths
            c.hookIndexes = hookIndexes
            c.foreignKeyRelations = NodeJSONContext.foreignKeyRelations(m, relationName: relationName, sourceRelationName: sourceRelationName)
            return c
        }()
        // Written in pieces (never the whole manifest in memory at once) to a temporary file
        // renamed over the old one, so readers never see a half-written manifest.
        try StreamedFile.write(to: path) { emit in
            var w = JSONWriter(indent: 0, reserve: 1 << 20)
            func flush() throws {
                try emit(w.drain())
            }
            var firstSection = true
            // sections are handed on once a megabyte is waiting: a drained writer copies its
            // bytes out, and holding the parent and child maps to the end cost 20 MB of peak
            func section(_ key: String, _ body: (inout JSONWriter) -> Void) throws {
                if w.count >= 1 << 20 { try flush() }
                w.raw(firstSection ? "{" : ", ")
                firstSection = false
                w.writeString(key)
                w.raw(": ")
                body(&w)
            }
            func stream(_ key: String, _ ids: [String], _ make: (String) -> JSON?) throws {
                try section(key) { _ in }
                w.raw("{")
                var first = true
                for id in ids {
                    guard let value = make(id) else { continue }
                    if w.count >= 1 << 20 { try flush() }
                    if !first { w.raw(", ") }
                    first = false
                    w.writeString(id)
                    w.raw(": ")
                    w.write(value, depth: 2)
                }
                w.raw("}")
            }
            let empty = JSON.object(JSONObject())
            try section("metadata") { $0.write(metadataJSON(metadata), depth: 1) }
            // Nodes are most of the manifest: encode them in parallel slices, joined in id order,
            // a batch at a time so only one batch's bytes are held (the whole section of a
            // 20,000-node project is 90 MB).
            try section("nodes") { _ in }
            let ids = m.writtenNodeIds
            w.raw("{")
            try flush()
            var wroteSlice = false
            let batch = 2048
            for start in stride(from: 0, to: ids.count, by: batch) {
                let batchIds = Array(ids[start..<min(ids.count, start + batch)])
                let slices: [JSONWriter] = parallelSlices(count: batchIds.count, threads: 2, slices: 8) { range in
                    var part = JSONByteSink(reserve: range.count * 5000)
                    for i in range {
                        guard let n = m.writtenNode(batchIds[i]) else { continue }
                        part.key(batchIds[i])
                        ctx.describe(n, compiled: compiled[batchIds[i]],
                                     relationName: m.hasRelationName(n) ? relationName(n) : nil, into: &part)
                    }
                    return part.writer
                }
                for slice in slices where slice.count > 0 {
                    if wroteSlice { w.raw(", ") }
                    try flush()
                    try slice.emit(emit)
                    wroteSlice = true
                }
            }
            w.raw("}")
            // sources straight to bytes, as nodes are (each built as JSON values first cost more
            // than writing them)
            try section("sources") { _ in }
            var sources = JSONByteSink(reserve: m.sources.count * 3000)
            sources.beginObject()
            for id in m.sources.keys.sorted() {
                guard let source = m.sources[id] else { continue }
                sources.key(id)
                describeSource(source, createdAt: metadata.createdAt, relationName: sourceRelationName(source), into: &sources)
            }
            sources.endObject()
            try flush()
            try sources.writer.emit(emit)
            try stream("macros", m.macros.keys.sorted()) { id in
                m.macros[id].map { macro($0, createdAt: metadata.createdAt) }
            }
            try stream("docs", m.docs.keys.sorted()) { id in m.docs[id].map { doc($0) } }
            try stream("exposures", m.exposures.keys.sorted()) { id in
                m.exposures[id].map { exposure($0, createdAt: metadata.createdAt) }
            }
            try section("metrics") { $0.write(semanticSection(.metric, createdAt: metadata.createdAt, manifest: m, relationName: relationName), depth: 1) }
            try stream("groups", m.groups.keys.sorted()) { id in m.groups[id].map { group($0) } }
            try section("selectors") { $0.write(.object(metadata.selectors), depth: 1) }
            try stream("disabled", (Array(m.disabled.keys) + Array(m.disabledExposures.keys)).sorted()) { id in
                if let x = m.disabledExposures[id] { return .array([disabledExposure(x, createdAt: metadata.createdAt)]) }
                return m.disabled[id].map { n in
                    .array([n.resourceType == .unitTest ? unitTest(n, createdAt: metadata.createdAt)
                            : ctx.node(n, compiled: nil, relationName: m.hasRelationName(n) ? relationName(n) : nil)])
                }
            }
            // the two maps (tens of thousands of sorted lists each) are encoded side by side
            let maps = [m.withOperations(m.parentMap, children: false), m.withOperations(m.childMap, children: true)]
            let encoded = parallelSlices(count: 2, threads: 2, slices: 2) { range in
                range.map { i -> JSONWriter in
                    var part = JSONWriter(indent: 0, reserve: 1 << 22)
                    writeGraphMap(maps[i], into: &part)
                    return part
                }
            }.joined().map { $0 }
            // the maps go to the file as encoded, not through the writer
            try section("parent_map") { _ in }
            try flush()
            try encoded.first?.emit(emit)
            try section("child_map") { _ in }
            try flush()
            try encoded.last?.emit(emit)
            try section("group_map") { writeGraphMap(m.groupMap, into: &$0) }
            for kind in [SemanticResource.Kind.savedQuery, .semanticModel] {
                try section(kind.section) {
                    $0.write(semanticSection(kind, createdAt: metadata.createdAt, manifest: m, relationName: relationName), depth: 1)
                }
            }
            try stream("unit_tests", m.unitTests.keys.sorted()) { id in
                m.unitTests[id].map { unitTest($0, createdAt: metadata.createdAt) }
            }
            try section("functions") { $0.write(empty, depth: 1) }
            w.raw("}")
            try flush()
        }
    }

    // MARK: - Top level

    static func metadataJSON(_ md: ManifestMetadata) -> JSON {
        var env = JSONObject()
        for k in md.env.keys.sorted() { env[k] = .string(md.env[k] ?? "") }
        var quoting = JSONObject()
        for k in ["database", "schema", "identifier", "column"] { quoting[k] = md.quoting[k] ?? .null }
        return .object(JSONObject([
            ("dbt_schema_version", .string(schemaVersion)),
            ("dbt_version", .string(md.dbtVersion)),
            ("generated_at", .string(md.generatedAt)),
            ("invocation_id", .string(md.invocationId)),
            ("invocation_started_at", .string(md.invocationStartedAt)),
            ("env", .object(env)),
            ("project_name", .string(md.projectName)),
            ("project_id", .string(md.projectId)),
            ("user_id", jsonString(md.userId)),
            ("send_anonymous_usage_stats", .bool(md.sendAnonymousUsageStats)),
            ("adapter_type", .string(md.adapterType)),
            ("quoting", .object(quoting)),
            ("run_started_at", .string(md.runStartedAt)),
        ]))
    }

    /// parent_map / child_map: keys sorted, each list sorted (dbt sorts the lists too).
    static func graphMap(_ map: [String: [String]]) -> JSON {
        var o = JSONObject()
        for k in map.keys.sorted() { o[k] = jsonStrings((map[k] ?? []).sorted()) }
        return .object(o)
    }

    /// `graphMap(map)` encoded, without building the value first (40,000 lists on large projects).
    static func writeGraphMap(_ map: [String: [String]], into w: inout JSONWriter) {
        w.raw("{")
        for (i, key) in map.keys.sortedByBytes().enumerated() {
            if i > 0 { w.raw(", ") }
            w.writeString(key)
            w.raw(": [")
            for (j, value) in (map[key] ?? []).sortedByBytes().enumerated() {
                if j > 0 { w.raw(", ") }
                w.writeString(value)
            }
            w.raw("]")
        }
        w.raw("}")
    }

    // MARK: - Sources

    /// SourceConfig: dbt's fixed keys first, then any custom keys the project set (also what
    /// `config.<key>:` selection reads of a source).
    static func sourceConfig(_ s: SourceTable) -> JSONObject {
        var config = JSONObject([
            ("enabled", s.config["enabled"] ?? true),
            ("event_time", s.config["event_time"] ?? .null),
            ("freshness", s.freshnessDisabled ? .null : freshnessJSON(s.freshness)),
            ("loaded_at_field", jsonString(s.loadedAtField)),
            ("loaded_at_query", s.config["loaded_at_query"] ?? .null),
            ("meta", s.config["meta"] ?? s.meta),
            ("tags", jsonStrings(s.tags)),
            ("static_analysis", s.config["static_analysis"] ?? .null),
        ])
        for (k, v) in s.config where config[k] == nil { config[k] = v }
        return config
    }

    static func source(_ s: SourceTable, createdAt: Double, relationName: String?) -> JSON {
        var sink = JSONValueSink()
        describeSource(s, createdAt: createdAt, relationName: relationName, into: &sink)
        return sink.result
    }

    /// A source's manifest entry, written into `out` field by field (the manifest writes
    /// sources straight to bytes, `source` makes the JSON value).
    static func describeSource<S: JSONSink>(_ s: SourceTable, createdAt: Double, relationName: String?, into out: inout S) {
        let freshness = s.freshnessDisabled ? .null : freshnessJSON(s.freshness)
        let loadedAtField = jsonString(s.loadedAtField)
        let loadedAtQuery = s.config["loaded_at_query"] ?? .null
        let meta = s.meta
        out.beginObject()
        out.field("database", optional: s.database.isEmpty ? nil : s.database)
        out.field("schema", string: s.schema)
        out.field("name", string: s.name)
        out.field("resource_type", string: "source")
        out.field("package_name", string: s.packageName)
        out.field("path", string: s.path)
        out.field("original_file_path", string: s.originalFilePath)
        out.field("unique_id", string: s.uniqueId)
        out.field("fqn", strings: s.fqn)
        out.field("source_name", string: s.sourceName)
        out.field("source_description", string: s.sourceDescription)
        out.field("loader", string: s.loader)
        out.field("identifier", string: s.identifier)
        out.object("quoting") { q in
            for k in ["database", "schema", "identifier", "column"] { q.field(k, s.quoting[k] ?? .null) }
        }
        out.field("loaded_at_field", loadedAtField)
        out.field("loaded_at_query", loadedAtQuery)
        out.field("freshness", freshness)
        out.field("external", s.external.map(externalJSON) ?? .null)
        out.field("description", string: s.description)
        out.key("columns")
        describeColumns(s.columns, lineage: nil, into: &out) { NodeJSONContext.constraintShape($0, to: $0["to"] ?? .null, modelLevel: false) }
        out.field("meta", meta)
        out.field("source_meta", s.sourceMeta)
        out.field("tags", strings: s.tags)
        out.field("config", .object(sourceConfig(s)))
        out.field("patch_path", .null)
        out.object("unrendered_config") { u in
            // dbt records freshness here when the YAML sets it (or turns it off)
            if s.freshnessDisabled || !s.freshness.isNull { u.field("freshness", freshness) }
            u.field("loaded_at_field", loadedAtField)
            u.field("loaded_at_query", loadedAtQuery)
            u.field("meta", s.config["meta"] ?? meta)
            u.field("tags", strings: s.tags)
        }
        out.field("relation_name", optional: relationName)
        out.field("created_at", .double(createdAt))
        // The schema/database as written in YAML before rendering (null when not written).
        out.field("unrendered_database", optional: s.unrenderedDatabase)
        out.field("unrendered_schema", optional: s.unrenderedSchema)
        out.field("doc_blocks", strings: s.docBlocks)
        out.endObject()
    }

    /// FreshnessThreshold with every field present, as dbt writes it even when none is set; a
    /// threshold set to null (`error_after: null`) stays null, as dbt's merge keeps it.
    static func freshnessJSON(_ f: JSON) -> JSON {
        func time(_ t: JSON?) -> JSON {
            if let t, t.isNull { return .null }
            return .object(JSONObject([("count", t?["count"] ?? .null), ("period", t?["period"] ?? .null)]))
        }
        return .object(JSONObject([
            ("warn_after", time(f["warn_after"])),
            ("error_after", time(f["error_after"])),
            ("filter", f["filter"] ?? .null),
        ]))
    }

    // MARK: - Macros, docs, exposures

    /// A source table's `external:` as dbt's ExternalTable writes it: its five fields (null
    /// when not given), then any other keys as written.
    public static func externalJSON(_ external: JSON) -> JSON {
        let given = external.objectValue ?? JSONObject()
        let fields = ["location", "file_format", "row_format", "tbl_properties", "partitions"]
        var out = JSONObject(fields.map { ($0, given[$0] ?? .null) })
        for (k, v) in given where !fields.contains(k) { out[k] = v }
        return .object(out)
    }

    static func macro(_ x: MacroInfo, createdAt: Double) -> JSON {
        let docs = JSON.object(JSONObject([("show", x.docs?["show"] ?? true), ("node_color", x.docs?["node_color"] ?? .null)]))
        return .object(JSONObject([
            ("name", .string(x.name)),
            ("resource_type", "macro"),
            ("package_name", .string(x.packageName)),
            ("path", .string(x.path)),
            ("original_file_path", .string(x.originalFilePath)),
            ("unique_id", .string(x.uniqueId)),
            ("macro_sql", .string(x.macroSQL)),
            ("depends_on", .object(JSONObject([("macros", jsonStrings(x.dependsOnMacros))]))),
            ("description", .string(x.description)),
            ("meta", .object(x.meta)),
            ("docs", docs),
            ("config", .object(JSONObject([("meta", .object(x.meta)), ("docs", docs)]))),
            ("patch_path", x.patchPath.map(JSON.string) ?? .null),
            // dbt fills `arguments` only from `macros:` entries in properties YAML, never from
            // the signature (its own manifests show [] for macros with parameters)
            ("arguments", .array(x.documentedArguments)),
            ("created_at", .double(createdAt)),
            ("supported_languages", x.supportedLanguages.map(jsonStrings) ?? .null),
        ]))
    }

    /// The keys most resources start with, in dbt's order.
    static func identity(_ name: String, _ type: String, package: String, path: String, originalFilePath: String,
                         uniqueId: String) -> [(String, JSON)] {
        [("name", .string(name)), ("resource_type", .string(type)), ("package_name", .string(package)),
         ("path", .string(path)), ("original_file_path", .string(originalFilePath)), ("unique_id", .string(uniqueId))]
    }

    static func doc(_ d: DocBlock) -> JSON {
        .object(JSONObject(identity(d.name, "doc", package: d.packageName, path: d.path, originalFilePath: d.originalFilePath,
                                    uniqueId: d.uniqueId)
            + [("block_contents", .string(d.contents))]))
    }

    static func group(_ g: Group) -> JSON {
        .object(JSONObject(identity(g.name, "group", package: g.packageName, path: g.path, originalFilePath: g.originalFilePath,
                                    uniqueId: g.uniqueId) + [
            ("owner", .object(g.owner)),
            ("description", g.description.map { .string($0) } ?? .null),
            ("config", .object(JSONObject([("meta", g.meta)]))),
        ]))
    }

    /// An exposure with `enabled: false`, as dbt lists it under `disabled`.
    static func disabledExposure(_ x: Exposure, createdAt: Double) -> JSON {
        guard case .object(var o) = exposure(x, createdAt: createdAt), case .object(var config)? = o["config"] else {
            return exposure(x, createdAt: createdAt)
        }
        config["enabled"] = false
        o["config"] = .object(config)
        return .object(o)
    }

    static func exposure(_ x: Exposure, createdAt: Double) -> JSON {
        // Owner: {email, name} first, then any extra keys the YAML gave.
        var owner = JSONObject([("email", x.owner["email"] ?? .null), ("name", x.owner["name"] ?? .null)])
        if case .object(let o) = x.owner { for (k, v) in o where owner[k] == nil { owner[k] = v } }
        return .object(JSONObject([
            ("name", .string(x.name)),
            ("resource_type", "exposure"),
            ("package_name", .string(x.packageName)),
            ("path", .string(x.path)),
            ("original_file_path", .string(x.originalFilePath)),
            ("unique_id", .string(x.uniqueId)),
            ("fqn", jsonStrings(x.fqn)),
            ("type", .string(x.type)),
            ("owner", .object(owner)),
            ("description", .string(x.description)),
            ("label", jsonString(x.label)),
            ("maturity", jsonString(x.maturity)),
            ("meta", x.meta),
            ("tags", jsonStrings(x.tags)),
            ("config", .object(JSONObject([("enabled", true), ("tags", jsonStrings(x.tags)), ("meta", x.meta)]))),
            ("unrendered_config", .object(x.configSet)),
            ("url", jsonString(x.url)),
            ("depends_on", .object(JSONObject([("macros", .array([])), ("nodes", jsonStrings(x.dependsOnNodes))]))),
            ("refs", refsJSON(x.refs)),
            ("sources", .array(x.sources.map(jsonStrings))),
            ("metrics", .array(x.metrics.map(jsonStrings))),
            ("created_at", .double(createdAt)),
        ]))
    }

    // MARK: - Shared pieces

    static func jsonString(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
    static func jsonStrings(_ a: [String]) -> JSON { .array(a.map { .string($0) }) }

    static func refsJSON(_ refs: [RefCall]) -> JSON {
        .array(refs.map { r in
            .object(JSONObject([("name", .string(r.name)), ("package", jsonString(r.package)), ("version", ModelVersions.json(r.version))]))
        })
    }

    /// name → ColumnInfo in dbt's key order; columns keep their YAML order.
    /// A column's traced lineage, for the manifest node's `columns` entry.
    /// A column's lineage as the manifest lists it (`lineage: {kind, sources: [{node, column}]}`),
    /// as plain values: written straight to bytes, not built as JSON objects per column first.
    public typealias ColumnLineage = (name: String, dataType: String?, kind: String?, sources: [(node: String, column: String)])

    static func columnsJSON(_ columns: [ColumnInfo], lineage: [ColumnLineage]? = nil, constraint: (JSON) -> JSON = { $0 }) -> JSON {
        var sink = JSONValueSink()
        describeColumns(columns, lineage: lineage, into: &sink, constraint: constraint)
        return sink.result
    }

    /// The `columns` object, written into `s`: the YAML's columns, as dbt lists them (tools that
    /// compare a manifest's columns with the warehouse's count these as documented), each with
    /// its traced lineage; lineage.json has the columns the YAML leaves out. A name listed twice
    /// keeps its first place and its last entry, as setting an object's key twice would.
    static func describeColumns<S: JSONSink>(_ all: [ColumnInfo], lineage: [ColumnLineage]?, into s: inout S,
                                             constraint: (JSON) -> JSON = { $0 }) {
        // A column's lineage by its folded name (the first with it): a scan over a model's few
        // output columns, a dictionary only for wide ones (one per model cost more than the rest).
        let lineageKeys = (lineage ?? []).map(\.name.foldedKey)
        var byName: [String: Int] = [:]
        if lineageKeys.count > 32 {
            for (i, key) in lineageKeys.enumerated() where byName[key] == nil { byName[key] = i }
        }
        func lineageIndex(_ name: String) -> Int? {
            let key = name.foldedKey
            return lineageKeys.count > 32 ? byName[key] : lineageKeys.firstIndex(of: key)
        }
        // Names rarely repeat: a scan over a model's few columns finds out without hashing.
        var repeats = false
        if all.count > 32 {
            repeats = Set(all.map(\.name)).count != all.count
        } else if all.count > 1 {
            outer: for i in 1..<all.count {
                for j in 0..<i where all[j].name == all[i].name {
                    repeats = true
                    break outer
                }
            }
        }
        var last: [String: Int] = [:]
        if repeats { for (i, c) in all.enumerated() { last[c.name] = i } }
        s.beginObject()
        var written: Set<String> = []
        for (i, c0) in all.enumerated() where !repeats || written.insert(c0.name).inserted {
            let c = repeats ? all[last[c0.name] ?? i] : c0
            s.object(c.name) { s in
                s.field("name", string: c.name)
                s.field("description", string: c.description)
                s.field("meta", c.meta)
                s.field("data_type", optional: c.dataType)
                s.field("constraints", .array(c.constraints.map(constraint)))
                s.field("quote", c.quote.map { .bool($0) } ?? .null)
                s.object("config") { s in
                    s.field("meta", c.meta)
                    s.field("tags", strings: c.tags)
                }
                s.field("tags", strings: c.tags)
                s.field("granularity", optional: c.granularity)
                s.field("doc_blocks", strings: c.docBlocks)
                if !lineageKeys.isEmpty, let i = lineageIndex(c.name), let l = lineage?[i] {
                    s.object("lineage") { s in
                        s.field("kind", optional: l.kind)
                        s.array("sources") { s in
                            for source in l.sources {
                                s.beginObject()
                                s.field("node", string: source.node)
                                s.field("column", string: source.column)
                                s.endObject()
                            }
                        }
                    }
                }
            }
        }
        s.endObject()
    }
}

extension Manifest {
    /// The ids of the manifest's `nodes` section, sorted: the DAG's nodes and the project
    /// hooks' operation nodes.
    var writtenNodeIds: [String] { (Array(nodes.keys) + Array(operations.keys)).parallelSorted() }

    func writtenNode(_ id: String) -> Node? { nodes[id] ?? operations[id] }

    /// The parent or child map as the manifest writes it: with the operation nodes, which have
    /// neither, as dbt lists them.
    /// The parent or child map with the project hooks in it, as dbt's manifest has them: a
    /// hook's parents are what it refs, and it is their child.
    func withOperations(_ map: [String: [String]], children: Bool) -> [String: [String]] {
        guard !operations.isEmpty else { return map }
        var out = map
        for (id, op) in operations {
            out[id] = children ? [] : op.dependsOnNodes
            guard children else { continue }
            for parent in op.dependsOnNodes where out[parent] != nil {
                out[parent, default: []].append(id)
                out[parent]?.sort()
            }
        }
        return out
    }
}

// ManifestWriter: a small manifest built in code (model, ephemeral model, seed, generic and
// singular tests, source, macro, doc, exposure) is written to disk, read back with FlowcTemplate's
// ordered JSON reader and checked for dbt's keys, types and key order; when python3 with
// jsonschema and the shared validator are present, the file is also validated against dbt's
// manifest v12 schema.

import Foundation
import Testing
import FlowcTemplate
@testable import FlowcGraph
import FlowcProject

@Suite struct ManifestWriterTests {
    static func manifest() -> Manifest {
        var m = Manifest(projectName: "shop", adapterType: "sqlite")

        var orders = Node(
            uniqueId: "model.shop.orders", resourceType: .model, packageName: "shop", name: "orders",
            path: "marts/orders.sql", originalFilePath: "models/marts/orders.sql", fqn: ["shop", "marts", "orders"],
            rawCode: "select * from {{ ref('stg_orders') }} join {{ source('raw', 'payments') }} using (id)",
            checksum: Hashing.sha256Hex("x"), config: ConfigResolver.defaults(.model))
        orders.config["materialized"] = "table"
        orders.unrenderedConfig["materialized"] = "table"
        orders.database = "main_db"; orders.schema = "main"; orders.alias = "orders"
        orders.description = "One row per order"
        orders.columns = [ColumnInfo(name: "order_id", description: "The key"), ColumnInfo(name: "amount", dataType: "numeric")]
        orders.refs = [RefCall(name: "stg_orders")]
        orders.sources = [["raw", "payments"]]
        orders.dependsOnNodes = ["model.shop.stg_orders", "source.shop.raw.payments"]
        orders.dependsOnMacros = ["macro.shop.cents"]
        orders.patchPath = "shop://models/marts/_models.yml"

        var stg = Node(
            uniqueId: "model.shop.stg_orders", resourceType: .model, packageName: "shop", name: "stg_orders",
            path: "stg_orders.sql", originalFilePath: "models/stg_orders.sql", fqn: ["shop", "stg_orders"],
            rawCode: "select * from {{ ref('raw_orders') }}", checksum: Hashing.sha256Hex("y"),
            config: ConfigResolver.defaults(.model))
        stg.config["materialized"] = "ephemeral"
        stg.database = "main_db"; stg.schema = "main"; stg.alias = "stg_orders"
        stg.refs = [RefCall(name: "raw_orders")]
        stg.dependsOnNodes = ["seed.shop.raw_orders"]

        var seed = Node(
            uniqueId: "seed.shop.raw_orders", resourceType: .seed, packageName: "shop", name: "raw_orders",
            path: "raw_orders.csv", originalFilePath: "seeds/raw_orders.csv", fqn: ["shop", "raw_orders"],
            rawCode: "", checksum: Hashing.sha256Hex("id\n1\n"), config: ConfigResolver.defaults(.seed))
        seed.database = "main_db"; seed.schema = "main"; seed.alias = "raw_orders"

        var unique = Node(
            uniqueId: "test.shop.unique_orders_order_id.1a2b3c4d5e", resourceType: .test, packageName: "shop",
            name: "unique_orders_order_id", path: "unique_orders_order_id.sql",
            originalFilePath: "models/marts/_models.yml", fqn: ["shop", "marts", "unique_orders_order_id"],
            rawCode: "{{ test_unique(**_dbt_generic_test_kwargs) }}", checksum: "", config: ConfigResolver.defaults(.test))
        unique.database = "main_db"; unique.schema = "main_dbt_test__audit"; unique.alias = "unique_orders_order_id"
        unique.refs = [RefCall(name: "orders")]
        unique.dependsOnNodes = ["model.shop.orders"]
        unique.dependsOnMacros = ["macro.dbt.test_unique"]
        unique.testMetadata = TestMetadata(
            name: "unique",
            kwargs: JSONObject([("column_name", "order_id"), ("model", "{{ get_where_subquery(ref('orders')) }}")]),
            namespace: nil)
        unique.columnName = "order_id"
        unique.attachedNode = "model.shop.orders"
        unique.fileKeyName = "models.orders"
        var notNull = unique
        notNull.uniqueId = "test.shop.not_null_orders_order_id.9f8e7d6c5b"
        notNull.name = "not_null_orders_order_id"
        notNull.testMetadata?.name = "not_null"

        var singular = Node(
            uniqueId: "test.shop.assert_positive", resourceType: .test, packageName: "shop", name: "assert_positive",
            path: "assert_positive.sql", originalFilePath: "tests/assert_positive.sql", fqn: ["shop", "assert_positive"],
            rawCode: "select * from {{ ref('orders') }} where amount < 0", checksum: Hashing.sha256Hex("z"),
            config: ConfigResolver.defaults(.test))
        singular.database = "main_db"; singular.schema = "main_dbt_test__audit"; singular.alias = "assert_positive"
        singular.refs = [RefCall(name: "orders")]
        singular.dependsOnNodes = ["model.shop.orders"]

        for n in [orders, stg, seed, unique, notNull, singular] { m.nodes[n.uniqueId] = n }

        var src = SourceTable(
            uniqueId: "source.shop.raw.payments", packageName: "shop", sourceName: "raw", name: "payments",
            identifier: "raw_payments", schema: "main", database: "main_db",
            originalFilePath: "models/_sources.yml", path: "models/_sources.yml", fqn: ["shop", "raw", "payments"])
        src.config = JSONObject([("enabled", true)])
        src.freshness = .object(JSONObject([("warn_after", .object(JSONObject([("count", 12), ("period", "hour")])))]))
        var id = ColumnInfo(name: "id")
        id.constraints = [.object(JSONObject([("type", "not_null")]))]
        src.columns = [id]
        m.sources[src.uniqueId] = src
        // every optional field set, freshness turned off: written to bytes and as a value alike
        var events = SourceTable(
            uniqueId: "source.shop.raw.events", packageName: "shop", sourceName: "raw", name: "events",
            identifier: "events", schema: "raw", database: "",
            originalFilePath: "models/_sources.yml", path: "models/_sources.yml", fqn: ["shop", "raw", "events"])
        events.freshnessDisabled = true
        events.external = .object(JSONObject([("location", "s3://bucket/events")]))
        events.loadedAtField = "loaded_at"
        events.quoting = JSONObject([("identifier", true)])
        events.tags = ["raw", "pii"]
        events.meta = .object(JSONObject([("owner", "data")]))
        events.sourceMeta = .object(JSONObject([("team", "core")]))
        events.unrenderedSchema = "{{ var('raw_schema') }}"
        events.docBlocks = ["doc.shop.events"]
        events.description = "Events \"as\" loaded"
        m.sources[events.uniqueId] = events

        m.macros["macro.shop.cents"] = MacroInfo(
            uniqueId: "macro.shop.cents", name: "cents", packageName: "shop", path: "macros/cents.sql",
            originalFilePath: "macros/cents.sql", macroSQL: "{% macro cents(x) %}{{ x }} / 100{% endmacro %}",
            arguments: ["x"])
        m.docs["doc.shop.orders"] = DocBlock(
            uniqueId: "doc.shop.orders", name: "orders", packageName: "shop", path: "docs.md",
            originalFilePath: "models/docs.md", contents: "Orders, one per row.")
        var exposure = Exposure(
            uniqueId: "exposure.shop.weekly", name: "weekly", packageName: "shop", path: "models/exposures.yml",
            originalFilePath: "models/exposures.yml", fqn: ["shop", "weekly"], type: "dashboard",
            owner: .object(JSONObject([("name", "Ana"), ("email", "ana@example.com")])))
        exposure.refs = [RefCall(name: "orders")]
        exposure.dependsOnNodes = ["model.shop.orders"]
        exposure.maturity = "high"
        m.exposures[exposure.uniqueId] = exposure

        var disabledModel = stg
        disabledModel.uniqueId = "model.shop.old_orders"
        disabledModel.name = "old_orders"
        disabledModel.config["enabled"] = false
        disabledModel.config["materialized"] = "view"
        m.disabled[disabledModel.uniqueId] = disabledModel

        let ids = m.nodes.keys.sorted() + m.sources.keys.sorted() + m.exposures.keys.sorted()
        for id in ids { m.parentMap[id] = []; m.childMap[id] = [] }
        for (id, n) in m.nodes { m.parentMap[id] = n.dependsOnNodes }
        m.parentMap[exposure.uniqueId] = exposure.dependsOnNodes
        for (child, parents) in m.parentMap { for p in parents { m.childMap[p, default: []].append(child) } }
        return m
    }

    static let metadata = ManifestMetadata(
        generatedAt: "2026-01-02T03:04:05.123456Z", invocationId: "0b6f8c1e-6f33-4d2e-9d1a-3c1f2d8e9a10",
        invocationStartedAt: "2026-01-02T03:04:04.000001Z", projectName: "shop", adapterType: "sqlite",
        env: ManifestMetadata.customEnv(["DBT_ENV_CUSTOM_ENV_TEAM": "data", "HOME": "/root"]),
        quoting: JSONObject([("database", false), ("schema", false), ("identifier", true), ("column", nil)]),
        runStartedAt: "2026-01-02T03:04:04.000002+00:00", createdAt: 1767323045.25)

    /// Writes the manifest into a fresh temporary directory (creating target/), hands its path to
    /// `body`, then removes the directory.
    static func withManifest<T>(_ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowc-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("target/manifest.json").path
        let compiled: [String: ManifestWriter.Compiled] = [
            "model.shop.orders": (
                sql: "with __dbt__cte__stg_orders as (select * from main.\"raw_orders\") select * from __dbt__cte__stg_orders",
                path: "target/compiled/shop/models/marts/orders.sql",
                extraCTEs: [(id: "model.shop.stg_orders", sql: " __dbt__cte__stg_orders as (select * from main.\"raw_orders\")")]),
        ]
        try ManifestWriter.write(
            manifest(), metadata: metadata, projectRoot: "/tmp/shop", compiled: compiled,
            relationName: { "\($0.schema).\"\($0.alias)\"" },
            sourceRelationName: { "\($0.schema).\"\($0.identifier)\"" },
            to: path)
        return try body(path)
    }

    static func read(_ path: String) throws -> JSON {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return JSON(value: try Value.fromJSON(text))
    }

    /// The streamed file (nodes encoded in parallel slices, graph maps written directly) is the
    /// same bytes as the whole manifest built as one value and encoded.
    @Test func streamedFileEqualsTheEncodedValue() throws {
        let streamed = try Self.withManifest { try String(contentsOfFile: $0, encoding: .utf8) }
        let compiled: [String: ManifestWriter.Compiled] = [
            "model.shop.orders": (
                sql: "with __dbt__cte__stg_orders as (select * from main.\"raw_orders\") select * from __dbt__cte__stg_orders",
                path: "target/compiled/shop/models/marts/orders.sql",
                extraCTEs: [(id: "model.shop.stg_orders", sql: " __dbt__cte__stg_orders as (select * from main.\"raw_orders\")")]),
        ]
        let value = ManifestWriter.json(
            Self.manifest(), metadata: Self.metadata, projectRoot: "/tmp/shop", compiled: compiled,
            relationName: { "\($0.schema).\"\($0.alias)\"" }, sourceRelationName: { "\($0.schema).\"\($0.identifier)\"" })
        #expect(streamed == JSONWriter.string(value))
    }

    /// A column named twice keeps its first place and its last entry (as setting an object's
    /// key twice does), lineage goes to the YAML's columns only (dbt's manifest lists no other),
    /// and the bytes written directly equal the value's encoding.
    @Test func columnsNamedTwiceAndBothSinksAgree() {
        var first = ColumnInfo(name: "id")
        first.description = "first"
        var again = ColumnInfo(name: "id")
        again.description = "second"
        let lineage: [ManifestWriter.ColumnLineage] = [
            (name: "Name", dataType: "integer", kind: "transform", sources: [(node: "model.shop.a", column: "x")]),
            (name: "name", dataType: "integer", kind: nil, sources: []),
            (name: "undocumented", dataType: nil, kind: "copy", sources: []),
        ]
        let value = ManifestWriter.columnsJSON([first, ColumnInfo(name: "name"), again], lineage: lineage)
        #expect(value.objectValue?.keys == ["id", "name"])
        #expect(value["id"]?["description"] == "second")
        #expect(value["id"]?["lineage"] == nil)
        // the first lineage entry of a name counts
        #expect(value["name"]?["lineage"] == .object(JSONObject([
            ("kind", "transform"), ("sources", .array([.object(JSONObject([("node", "model.shop.a"), ("column", "x")]))])),
        ])))
        var bytes = JSONByteSink(reserve: 256)
        ManifestWriter.describeColumns([first, ColumnInfo(name: "name"), again], lineage: lineage, into: &bytes)
        #expect(String(decoding: bytes.writer.bytes, as: UTF8.self) == JSONWriter.string(value))
    }

    @Test func topLevelAndMetadata() throws {
        let doc = try Self.withManifest(Self.read)
        let keys = doc.objectValue?.keys ?? []
        #expect(keys == ["metadata", "nodes", "sources", "macros", "docs", "exposures", "metrics", "groups", "selectors",
                         "disabled", "parent_map", "child_map", "group_map", "saved_queries", "semantic_models",
                         "unit_tests", "functions"])
        let md = try #require(doc["metadata"])
        #expect(md["dbt_schema_version"]?.stringValue == "https://schemas.getdbt.com/dbt/manifest/v12.json")
        #expect(md["project_id"]?.stringValue == Hashing.md5Hex("shop"))
        #expect(md["env"] == .object(JSONObject([("TEAM", "data")])))
        #expect(md["user_id"] == .null)
        #expect(doc["disabled"]?["model.shop.old_orders"]?.arrayValue?.count == 1)
        #expect(doc["parent_map"]?["model.shop.orders"]?.arrayValue == ["model.shop.stg_orders", "source.shop.raw.payments"])
        #expect(doc["child_map"]?["model.shop.orders"]?.arrayValue == [
            "exposure.shop.weekly", "test.shop.assert_positive", "test.shop.not_null_orders_order_id.9f8e7d6c5b",
            "test.shop.unique_orders_order_id.1a2b3c4d5e",
        ])
    }

    @Test func modelNodes() throws {
        let doc = try Self.withManifest(Self.read)
        let nodes = try #require(doc["nodes"]?.objectValue)
        #expect(nodes.keys == nodes.keys.sorted())
        let orders = try #require(nodes["model.shop.orders"]?.objectValue)
        #expect(Array(orders.keys.prefix(4)) == ["database", "schema", "name", "resource_type"])
        #expect(orders.keys.last == "time_spine")
        #expect(orders["relation_name"] == "main.\"orders\"")
        #expect(orders["checksum"]?["name"] == "sha256")
        #expect(orders["compiled"] == true)
        #expect(orders["compiled_path"] == "target/compiled/shop/models/marts/orders.sql")
        #expect(orders["extra_ctes"]?.arrayValue?.first?["id"] == "model.shop.stg_orders")
        #expect(orders["columns"]?["amount"]?["data_type"] == "numeric")
        #expect(orders["columns"]?["order_id"]?["quote"] == .null)
        #expect(orders["refs"] == [.object(JSONObject([("name", "stg_orders"), ("package", nil), ("version", nil)]))])
        #expect(orders["sources"] == [["raw", "payments"]])
        #expect(orders["depends_on"]?["nodes"]?.arrayValue?.count == 2)
        #expect(orders["primary_key"] == ["order_id"])  // unique + not_null tests on order_id
        #expect(orders["access"] == "protected")
        if case .double? = orders["created_at"] {} else { Issue.record("created_at should be a float") }

        let stg = try #require(nodes["model.shop.stg_orders"]?.objectValue)
        #expect(stg["relation_name"] == .null)
        // Not compiled: compiled_path is null and the compiled-only fields are absent, as in `dbt parse`.
        #expect(stg["compiled_path"] == .null)
        for k in ["compiled", "compiled_code", "extra_ctes_injected", "extra_ctes"] { #expect(stg[k] == nil) }
        #expect(stg["contract"]?["checksum"] == .null)
    }

    @Test func seedTestsAndOtherResources() throws {
        let doc = try Self.withManifest(Self.read)
        let seed = try #require(doc["nodes"]?["seed.shop.raw_orders"]?.objectValue)
        #expect(seed.keys.suffix(2) == ["root_path", "depends_on"])
        #expect(seed["root_path"] == "/tmp/shop")
        #expect(seed["depends_on"] == .object(JSONObject([("macros", [])])))
        #expect(seed["relation_name"] == "main.\"raw_orders\"")

        let generic = try #require(doc["nodes"]?["test.shop.unique_orders_order_id.1a2b3c4d5e"]?.objectValue)
        #expect(generic["checksum"] == .object(JSONObject([("name", "none"), ("checksum", "")])))
        #expect(generic["relation_name"] == .null)
        #expect(generic.keys.suffix(4) == ["column_name", "file_key_name", "attached_node", "test_metadata"])
        #expect(generic["test_metadata"]?["kwargs"]?["column_name"] == "order_id")
        #expect(generic["test_metadata"]?["namespace"] == .null)
        let singular = try #require(doc["nodes"]?["test.shop.assert_positive"]?.objectValue)
        #expect(singular.keys.last == "contract")
        #expect(singular["checksum"]?["name"] == "sha256")

        let src = try #require(doc["sources"]?["source.shop.raw.payments"]?.objectValue)
        #expect(Array(src.keys.prefix(4)) == ["database", "schema", "name", "resource_type"])
        #expect(src["relation_name"] == "main.\"raw_payments\"")
        #expect(src["freshness"]?["warn_after"] == .object(JSONObject([("count", 12), ("period", "hour")])))
        #expect(src["freshness"]?["error_after"] == .object(JSONObject([("count", nil), ("period", nil)])))
        #expect(src["quoting"]?.objectValue?.keys == ["database", "schema", "identifier", "column"])
        #expect(src["config"]?.objectValue?.keys.first == "enabled")
        // a source column's constraint with all of dbt's fields, as a model column's
        #expect(src["columns"]?["id"]?["constraints"] == .array([.object(JSONObject([
            ("type", "not_null"), ("name", nil), ("expression", nil), ("warn_unenforced", true), ("warn_unsupported", true),
            ("to", nil), ("to_columns", []),
        ]))]))

        let macro = try #require(doc["macros"]?["macro.shop.cents"]?.objectValue)
        #expect(macro["resource_type"] == "macro")
        #expect(macro["supported_languages"] == .null)
        #expect(macro["depends_on"] == .object(JSONObject([("macros", [])])))
        #expect(doc["docs"]?["doc.shop.orders"]?["block_contents"] == "Orders, one per row.")
        let exposure = try #require(doc["exposures"]?["exposure.shop.weekly"]?.objectValue)
        #expect(exposure["owner"] == .object(JSONObject([("email", "ana@example.com"), ("name", "Ana")])))
        #expect(exposure["depends_on"]?["nodes"] == ["model.shop.orders"])
    }

    /// Runs /work/shared/tools/validate-artifact (found beside the repository, as .ci/run finds it)
    /// when python3 can import jsonschema; otherwise notes the skip.
    @Test func validatesAgainstDbtSchema() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let validator = repo.deletingLastPathComponent().appendingPathComponent("shared/tools/validate-artifact").path
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            print("note: \(validator) not found; skipping manifest schema validation")
            return
        }
        guard Self.run(["python3", "-c", "import jsonschema"]).status == 0 else {
            print("note: python3 with jsonschema is not available; skipping manifest schema validation")
            return
        }
        let result = try Self.withManifest { Self.run([validator, $0]) }
        #expect(result.status == 0, "validate-artifact: \(result.output)")
    }

    static func run(_ args: [String]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

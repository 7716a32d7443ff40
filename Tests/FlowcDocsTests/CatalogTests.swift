// catalog.json from a real SQLite file: relations that exist (tables, views, a source) with
// columns in order and types, row counts of tables, and nothing for a model never built.
@testable import FlowcDocs
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcWarehouse
import Foundation
import Testing

/// A throwaway project on disk, loaded through the same stages as the CLI.
struct DocsTestProject {
    let root: String

    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "flowc-docs-test-" + UUID().uuidString
        for (path, text) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func build() throws -> GraphBuild {
        let project = try ProjectLoader.load(root: root, vars: nil)
        let (t, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: nil,
                                           profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
        let options = GraphOptions(target: t, dialect: .sqlite, environment: [:], threads: 2,
                                   invocationId: "test", runStartedAt: "2026-01-01T00:00:00Z")
        return try GraphBuilder.build(project, options: options)
    }

    static let files: [String: String] = [
        "flowc.yml": "name: shop\nprofile: shop\n",
        "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: sqlite\n      path: target/shop.sqlite\n      schema: main\n",
        "models/orders.sql": "{{ config(materialized='table') }}\nselect id, amount * 2 as doubled from {{ source('raw', 'events') }}\n",
        "models/order_view.sql": "select id from {{ ref('orders') }}\n",
        "models/never_built.sql": "select 1 as x\n",
        "models/schema.yml": """
            version: 2
            sources:
              - name: raw
                schema: main
                tables:
                  - name: events
            models:
              - name: orders
                description: '{{ doc("orders_doc") }}'
                columns:
                  - name: id
                    description: The order.
                    data_tests: [unique]
            """,
        "models/docs.md": "{% docs orders_doc %}Orders, **doubled**.{% enddocs %}\n",
    ]
}

@Suite struct CatalogTests {
    @Test func catalogOfRealSQLiteFile() throws {
        let p = try DocsTestProject(DocsTestProject.files)
        defer { p.remove() }
        let build = try p.build()
        try FileManager.default.createDirectory(atPath: p.root + "/target", withIntermediateDirectories: true)
        let conn = try SQLiteWarehouse(config: SQLiteConfig(path: p.root + "/target/shop.sqlite")).connect()
        defer { conn.close() }
        try conn.execute("create table events (id integer, amount numeric, note text)")
        try conn.execute("insert into events values (1, 2.5, 'a'), (2, 3, 'b')")
        try conn.execute("create table orders (id integer, doubled numeric)")
        try conn.execute("insert into orders values (1, 5), (2, 6), (3, 7)")
        try conn.execute("create view order_view as select id from orders")

        let catalog = CatalogReader.read(build.manifest, connection: conn)
        #expect(catalog.errors.isEmpty)
        #expect(Set(catalog.nodes.keys) == ["model.shop.orders", "model.shop.order_view"])
        let orders = try #require(catalog.nodes["model.shop.orders"])
        #expect(orders.type == "table")
        #expect(orders.columns.map(\.name) == ["id", "doubled"])
        #expect(orders.columns.map(\.dataType) == ["integer", "numeric"])
        #expect(orders.rowCount == 3)
        #expect(catalog.nodes["model.shop.order_view"]?.type == "view")
        #expect(catalog.nodes["model.shop.order_view"]?.rowCount == nil)
        #expect(catalog.sources["source.shop.raw.events"]?.columns.map(\.name) == ["id", "amount", "note"])

        // The JSON has dbt's shape: columns by name with a 1-based index, stats, unique_id.
        let json = catalog.json(metadata: JSONObject([("generated_at", "now")]))
        let text = JSONWriter.string(json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(parsed["nodes"] as? [String: Any])
        let o = try #require(nodes["model.shop.orders"] as? [String: Any])
        let cols = try #require(o["columns"] as? [String: [String: Any]])
        #expect(cols["doubled"]?["index"] as? Int == 2)
        #expect(cols["doubled"]?["type"] as? String == "numeric")
        let stats = try #require(o["stats"] as? [String: [String: Any]])
        #expect(stats["row_count"]?["value"] as? Int == 3)
        #expect(stats["has_stats"]?["value"] as? Bool == true)
        #expect(o["unique_id"] as? String == "model.shop.orders")
        #expect(parsed["errors"] is NSNull)
    }

    @Test func docsDataMergesWarehouseYAMLAndTests() throws {
        let p = try DocsTestProject(DocsTestProject.files)
        defer { p.remove() }
        let build = try p.build()
        var catalog = Catalog()
        catalog.nodes["model.shop.orders"] = CatalogTable(
            uniqueId: "model.shop.orders", type: "table", database: nil, schema: "main", name: "orders",
            columns: [WarehouseColumn(name: "id", dataType: "integer"), WarehouseColumn(name: "doubled", dataType: "numeric")],
            rowCount: 3)
        let data = DocsData(manifest: build.manifest, compiled: [:], lineage: nil, catalog: catalog) { _ in "rel" }
        let orders = try #require(data.items.first { $0.id == "model.shop.orders" })
        #expect(orders.description == "Orders, **doubled**.")
        #expect(orders.columns.map(\.name) == ["id", "doubled"])
        #expect(orders.columns.first?.type == "integer")
        #expect(orders.columns.first?.description == "The order.")
        #expect(orders.columns.first?.tests == ["unique"])
        #expect(orders.rowCount == 3)
        let view = try #require(data.items.firstIndex { $0.id == "model.shop.order_view" })
        let ordersIndex = try #require(data.items.firstIndex { $0.id == "model.shop.orders" })
        #expect(data.items[view].parents == [ordersIndex])
        #expect(data.items.contains { $0.type == "source" && $0.name == "raw.events" })
    }

    /// Whether the file has row counts is the warehouse's (dbt-postgres writes none), whichever
    /// way the columns were read: a PostgreSQL relation read one by one, as when the catalog
    /// query fails, has no details and still no row_count.
    @Test func rowCountsFollowTheWarehouseNotHowColumnsWereRead() {
        func stats(_ table: CatalogTable) -> JSONObject? {
            guard case .object(let o) = table.json, case .object(let s)? = o["stats"] else { return nil }
            return s
        }
        let columns = [WarehouseColumn(name: "id", dataType: "integer")]
        let postgres = CatalogTable(uniqueId: "model.shop.orders", type: "table", database: "db", schema: "main",
                                    name: "orders", columns: columns, rowCount: 3, details: nil, statsInFile: false)
        #expect(stats(postgres)?["row_count"] == nil)
        #expect(stats(postgres)?["has_stats"]?["value"] == .bool(false))
        let sqlite = CatalogTable(uniqueId: "model.shop.orders", type: "table", database: nil, schema: "main",
                                  name: "orders", columns: columns, rowCount: 3)
        #expect(stats(sqlite)?["row_count"]?["value"] == .int(3))
        #expect(stats(sqlite)?["has_stats"]?["value"] == .bool(true))
    }
}

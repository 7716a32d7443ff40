// catalog.json from a real PostgreSQL server (TestPostgres): relations in another schema,
// format_type column types, and row counts from the planner's statistics after ANALYZE.
import FlowcDocs
import FlowcGraph
import FlowcTestSupport
import FlowcWarehouse
import Testing

@Suite struct PostgresCatalogTests {
    @Test func catalogWithStatistics() throws {
        let p = try DocsTestProject(DocsTestProject.files)
        defer { p.remove() }
        var manifest = try p.build().manifest
        for id in manifest.nodes.keys { manifest.nodes[id]?.schema = "analytics" }
        for id in manifest.sources.keys { manifest.sources[id]?.schema = "raw" }

        let config = try TestPostgres.shared().createDatabase("flowc_docs_catalog")
        let conn = try PostgresWarehouse(config: config).connect()
        defer { conn.close() }
        try conn.execute("create schema analytics; create schema raw")
        try conn.execute("create table raw.events (id integer, amount numeric(10,2), note varchar(20))")
        try conn.execute("create table analytics.orders as select g as id, g * 2.0 as doubled from generate_series(1, 40) g")
        try conn.execute("analyze analytics.orders")
        try conn.execute("create view analytics.order_view as select id from analytics.orders")
        // what persist_docs writes, and a dropped column that leaves a gap in the positions
        try conn.execute("comment on table analytics.orders is 'Orders, doubled.'")
        try conn.execute("comment on column analytics.orders.doubled is 'Twice the id.'")
        try conn.execute("alter table raw.events drop column amount")

        let catalog = CatalogReader.read(manifest, connection: conn)
        #expect(catalog.errors.isEmpty)
        #expect(Set(catalog.nodes.keys) == ["model.shop.orders", "model.shop.order_view"])
        #expect(catalog.nodes["model.shop.orders"]?.rowCount == 40)
        #expect(catalog.nodes["model.shop.orders"]?.type == "table")
        #expect(catalog.nodes["model.shop.order_view"]?.type == "view")
        #expect(catalog.nodes["model.shop.order_view"]?.rowCount == nil)
        let events = try #require(catalog.sources["source.shop.raw.events"])
        #expect(events.columns.map(\.dataType) == ["integer", "character varying(20)"])
        // never analyzed: PostgreSQL does not know, so neither does the catalog
        #expect(events.rowCount == nil || events.rowCount == 0)

        // metadata and columns as dbt-postgres's catalog writes them
        let json = catalog.json(metadata: JSONObject())
        let orders = try #require(json["nodes"]?["model.shop.orders"])
        #expect(orders["metadata"]?["type"] == "BASE TABLE")
        #expect(orders["metadata"]?["owner"] == .string(config.user))
        #expect(orders["metadata"]?["comment"] == "Orders, doubled.")
        #expect(orders["columns"]?["doubled"]?["comment"] == "Twice the id.")
        #expect(orders["columns"]?["id"]?["comment"] == .null)
        #expect(json["nodes"]?["model.shop.order_view"]?["metadata"]?["type"] == "VIEW")
        #expect(json["nodes"]?["model.shop.order_view"]?["metadata"]?["comment"] == .null)
        let note = try #require(json["sources"]?["source.shop.raw.events"]?["columns"]?["note"])
        #expect(note["index"] == 3)
        // as dbt-postgres's catalog, which reads no statistics: has_stats false and no row_count,
        // though the docs site shows the count the reader found
        #expect(orders["stats"]?["row_count"] == nil)
        #expect(orders["stats"]?["has_stats"]?["value"] == false)
        #expect(orders["stats"]?["has_stats"]?["include"] == false)
    }
}

// Rebuilding a table model: on SQLite it is made under its own name inside the transaction
// (renames reload SQLite's whole schema), unless its SQL may read the table it replaces, which
// then is built beside it and swapped in. Either way views over it read the new rows.
@testable import FlowcRun
import Testing

@Suite("Rebuilding table models")
struct TableRebuildTests {
    @Test("a table that reads itself ({{ this }}) rebuilds from its previous rows", arguments: WarehouseKind.allCases)
    func readsItself(_ kind: WarehouseKind) throws {
        let counter = """
            {{ config(materialized='table') }}
            {% set old = adapter.get_relation(this.database, this.schema, this.identifier) if execute else none %}
            select {% if old %}(select max(n) from {{ this }}) + 1{% else %}1{% endif %} as n
            """
        let h = try RunHarness(kind, [
            "models/counter.sql": counter,
            "models/counter_view.sql": "{{ config(materialized='view') }}\nselect n from {{ ref('counter') }}",
        ])
        try h.runOK(.run)
        try h.runOK(.run)
        try h.runOK(.run)
        #expect(try h.column("select n from \(h.rel("counter"))") == ["3"])
        #expect(try h.column("select n from \(h.rel("counter_view"))") == ["3"])
        #expect(try h.relationKind("counter__dbt_tmp") == nil)
        #expect(try h.relationKind("counter__dbt_backup") == nil)
    }

    @Test("a rebuilt table keeps its name, and the views over it read the new rows", arguments: WarehouseKind.allCases)
    func viewsReadTheNewTable(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/orders.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/stg_orders.sql": "{{ config(materialized='table') }}\nselect id * 10 as id from {{ ref('orders') }}",
            "models/order_count.sql": "{{ config(materialized='view') }}\nselect count(*) as n from {{ ref('stg_orders') }}",
        ])
        try h.runOK(.run)
        try h.write("models/orders.sql", "{{ config(materialized='table') }}\nselect 1 as id union all select 2")
        try h.runOK(.run)
        #expect(try h.column("select id from \(h.rel("stg_orders")) order by id") == ["10", "20"])
        #expect(try h.column("select n from \(h.rel("order_count"))") == ["2"])
        // a view replaced by a table, and back
        try h.write("models/order_count.sql", "{{ config(materialized='table') }}\nselect count(*) as n from {{ ref('stg_orders') }}")
        try h.runOK(.run)
        #expect(try h.relationKind("order_count") == .table)
        try h.write("models/order_count.sql", "{{ config(materialized='view') }}\nselect count(*) + 1 as n from {{ ref('stg_orders') }}")
        try h.runOK(.run)
        #expect(try h.relationKind("order_count") == .view)
        #expect(try h.column("select n from \(h.rel("order_count"))") == ["3"])
    }

    @Test("SQLite finds one relation by name, case aside, without listing the schema")
    func sqliteLookup() throws {
        let h = try RunHarness(.sqlite, [
            "models/Orders.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/order_view.sql": "select * from {{ ref('Orders') }}",
        ])
        try h.runOK(.run)
        let c = try h.warehouse().connect()
        defer { c.close() }
        let found = try c.relation(schema: h.schema, name: "ORDERS")
        #expect(found?.name == "Orders")
        #expect(found?.kind == .table)
        #expect(try c.relation(schema: h.schema, name: "order_view")?.kind == .view)
        #expect(try c.relation(schema: h.schema, name: "order") == nil)
        #expect(try c.relation(schema: h.schema, name: "x' or '1'='1") == nil)
        #expect(try c.relation(schema: "no_such_schema", name: "Orders") == nil)
    }

    @Test func aNameCountsOnlyAsAWholeWord() {
        #expect(Materializer.mayName("orders", in: "select * from \"main\".\"orders\""))
        #expect(Materializer.mayName("orders", in: "select * from main.ORDERS where x"))
        #expect(Materializer.mayName("orders", in: "orders"))
        #expect(Materializer.mayName("Orders", in: "select 1 from orders"))
        #expect(!Materializer.mayName("orders", in: "select * from main.stg_orders"))
        #expect(!Materializer.mayName("orders", in: "select * from orders_daily"))
        #expect(!Materializer.mayName("orders", in: "select * from orders2"))
        #expect(!Materializer.mayName("orders", in: "order"))
        #expect(!Materializer.mayName("orders", in: ""))
        #expect(!Materializer.mayName("", in: "select 1"))
        #expect(Materializer.mayName("été", in: "select * from été"))
        #expect(!Materializer.mayName("été", in: "select * from étés"))
    }
}

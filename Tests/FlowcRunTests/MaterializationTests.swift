// Views, tables, ephemeral models, incremental first runs, seeds and `build` ordering, on both
// warehouses.
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Materializations and seeds")
struct MaterializationTests {
    static let shopFiles: [String: String] = [
        "seeds/raw_orders.csv": """
            id,customer_id,amount,status
            1,10,5.50,paid
            2,10,4.50,paid
            3,20,7.00,refunded
            4,30,1.25,paid

            """,
        "models/stg_orders.sql": """
            {{ config(materialized='view') }}
            select id, customer_id, amount, status from {{ ref('raw_orders') }}
            """,
        "models/paid_orders.sql": """
            {{ config(materialized='ephemeral') }}
            select * from {{ ref('stg_orders') }} where status = 'paid'
            """,
        "models/customer_totals.sql": """
            {{ config(materialized='table') }}
            select customer_id, sum(amount) as total, count(*) as n from {{ ref('paid_orders') }} group by customer_id
            """,
        "models/orders_log.sql": """
            {{ config(materialized='incremental') }}
            select id, amount from {{ ref('stg_orders') }}
            """,
        "models/schema.yml": """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: id
                    data_tests: [unique, not_null]
              - name: customer_totals
                columns:
                  - name: customer_id
                    data_tests: [unique]

            """,
    ]

    @Test("view, table, ephemeral and incremental models build real relations", arguments: WarehouseKind.allCases)
    func materializations(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.shopFiles)
        let seeded = try h.runOK(.seed)
        #expect(seeded.results.count == 1)
        #expect(seeded.result("raw_orders")?.rowsAffected == 4)
        let report = try h.runOK(.run)
        // the ephemeral model is not run: three models
        #expect(report.results.count == 3, "\(report.summary)")
        #expect(report.result("paid_orders") == nil)

        #expect(try h.relationKind("stg_orders") == .view)
        #expect(try h.relationKind("customer_totals") == .table)
        #expect(try h.relationKind("orders_log") == .table)
        #expect(try h.relationKind("paid_orders") == nil, "an ephemeral model creates no relation")

        // the ephemeral model is inlined as a CTE
        let compiled = try #require(report.result("customer_totals")?.compiledCode)
        #expect(compiled.contains("__dbt__cte__paid_orders"))
        #expect(compiled.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().hasPrefix("with"))

        let totals = try h.query("select customer_id, total, n from \(h.rel("customer_totals")) order by customer_id")
        #expect(totals.map { $0[0].number } == [10, 30])
        #expect(totals.map { $0[1].number } == [10.0, 1.25])
        #expect(totals.map { $0[2].number } == [2, 1])
        #expect(try h.int("select count(*) from \(h.rel("stg_orders"))") == 4)
        #expect(try h.int("select count(*) from \(h.rel("orders_log"))") == 4)

        // statuses, messages and relation names as run_results reports them
        let table = try #require(report.result("customer_totals"))
        #expect(table.status == .success)
        #expect(table.relationName?.contains("customer_totals") == true)
        #expect(table.compiledPath == "target/compiled/shop/models/customer_totals.sql")
        #expect(report.result("stg_orders")?.message == "CREATE VIEW")
        // PostgreSQL gives a view no row count, which dbt records as -1
        #expect(report.result("stg_orders")?.rowsAffected == (kind == .postgres ? -1 : 0))

        // a second run replaces the view and the table in place; the leftovers are gone
        try h.write("models/stg_orders.sql", "select id, customer_id, amount * 2 as amount, status from {{ ref('raw_orders') }}")
        try h.runOK(.run)
        #expect(try h.relationKind("stg_orders") == .view)
        let doubled = try h.query("select total from \(h.rel("customer_totals")) order by customer_id")
        #expect(doubled.map { $0[0].number } == [20.0, 2.5])
        let names = try h.conn().relations(schema: h.schema).map(\.name)
        #expect(!names.contains { $0.hasSuffix("__dbt_tmp") || $0.hasSuffix("__dbt_backup") }, "\(names)")
    }

    @Test("a view can become a table and a table a view", arguments: WarehouseKind.allCases)
    func switchKinds(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["models/m.sql": "{{ config(materialized='view') }}\nselect 1 as id"])
        try h.runOK(.run)
        #expect(try h.relationKind("m") == .view)
        try h.write("models/m.sql", "{{ config(materialized='table') }}\nselect 1 as id union all select 2")
        try h.runOK(.run)
        #expect(try h.relationKind("m") == .table)
        #expect(try h.int("select count(*) from \(h.rel("m"))") == 2)
        try h.write("models/m.sql", "{{ config(materialized='view') }}\nselect 3 as id")
        try h.runOK(.run)
        #expect(try h.relationKind("m") == .view)
        #expect(try h.column("select id from \(h.rel("m"))") == ["3"])
    }

    @Test("build runs seeds before models and each model's tests right after it", arguments: WarehouseKind.allCases)
    func buildOrder(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.shopFiles)
        let report = try h.runOK(.build)
        let order = report.startOrder
        // one seed, three models, three tests
        #expect(report.results.count == 7, "\(report.summary)")
        #expect(order.first == "raw_orders")
        func position(_ prefix: String) -> Int { order.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        let stg = position("stg_orders")
        let unique = position("unique_stg_orders_id")
        let notNull = position("not_null_stg_orders_id")
        let totals = position("customer_totals")
        let totalsTest = position("unique_customer_totals_customer_id")
        #expect(stg > 0 && unique > stg && notNull > stg, "\(order)")
        // under build, a model waits for its parents' tests
        #expect(totals > unique && totals > notNull, "\(order)")
        #expect(totalsTest > totals, "\(order)")
        #expect(report.status("unique_stg_orders_id") == .pass)
        #expect(report.result("unique_stg_orders_id")?.failures == 0)
    }

    /// dbt reads seed values with agate: `50%` and `$1,200.50` are numbers, `null` is NULL, a
    /// column of NULLs is an integer column, and a column mixing `2020-01-01 10:00:00` with
    /// ISO `2020-01-01T10:00:00` is text (the same file loaded by dbt 1.11 gives these types and
    /// values on PostgreSQL and SQLite).
    @Test("seed values are read as dbt's agate reads them", arguments: WarehouseKind.allCases)
    func seedValuesAsAgateReadsThem(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/odd.csv": """
                id,pct,money,sci,blank,ts,iso,word
                1,50%,"$1,200.50",1e3,,2020-01-01 10:00:00,2020-01-01T10:00:00Z,null
                2,,-3,2.5E-1,null,2020-02-29T11:30:00,2020-02-29T11:30,NULL

                """,
        ])
        try h.runOK(.seed)
        let types = try h.conn().columns(schema: h.schema, name: "odd").map { $0.dataType.lowercased() }
        switch kind {
        case .sqlite: #expect(types == ["integer", "integer", "real", "real", "integer", "text", "timestamp", "integer"])
        case .postgres:
            #expect(types == ["integer", "integer", "double precision", "double precision", "integer", "text",
                              "timestamp without time zone", "integer"])
        }
        let rows = try h.query("select pct, money, sci, blank, ts, word from \(h.rel("odd")) order by id")
        #expect(rows.map { $0[0] } == [.int(50), .null])
        #expect(rows.map { $0[1].number } == [1200.5, -3])
        #expect(rows.map { $0[2].number } == [1000, 0.25])
        #expect(rows.allSatisfy { $0[3] == .null && $0[5] == .null })
        #expect(rows.map { $0[4].text } == ["2020-01-01 10:00:00", "2020-02-29T11:30:00"])
    }

    /// A column of whole decimals (`100.0`, `3.0`) is an integer column, as agate's MaxPrecision
    /// counts places of the normalised Decimal (dbt 1.11 with dbt-postgres: `integer`); `1.50` keeps
    /// the column a float.
    @Test("seed columns of whole decimals are integers", arguments: WarehouseKind.allCases)
    func seedWholeDecimals(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["seeds/s.csv": "a,b,c\n100.0,1.50,2\n3.0,2.0,3\n"])
        try h.runOK(.seed)
        let types = try h.conn().columns(schema: h.schema, name: "s").map { $0.dataType.lowercased() }
        #expect(types == (kind == .postgres ? ["integer", "double precision", "integer"] : ["integer", "real", "integer"]))
        #expect(try h.query("select a, b from \(h.rel("s")) order by a").map { [$0[0], $0[1]] }
                == [[.int(3), .double(2)], [.int(100), .double(1.5)]])
    }

    /// dbt reseeds an existing table by emptying and refilling it, whatever the CSV's columns now
    /// are: a new column is the database's error (until --full-refresh), and the table, its rows
    /// and the views over it stay as they were (flowc used to drop and recreate it, cascading).
    @Test("a seed whose CSV gains a column fails until --full-refresh, as dbt's", arguments: WarehouseKind.allCases)
    func reseedWithNewColumn(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["seeds/s.csv": "id,v\n1,2\n", "models/over_s.sql": "select * from {{ ref('s') }}"])
        try h.runOK(.build)
        try h.write("seeds/s.csv", "id,v,extra\n1,3,x\n")
        let failed = try h.run(.seed)
        let r = try #require(failed.result("s"))
        #expect(r.status == .error)
        #expect(r.message?.contains("extra") == true, "\(r.message ?? "")")
        #expect(try h.query("select id, v from \(h.rel("s"))").map { $0.map(\.text) } == [["1", "2"]])
        #expect(try h.int("select count(*) from \(h.rel("over_s"))") == 1)
        try h.runOK(.seed, fullRefresh: true)
        #expect(try h.query("select extra from \(h.rel("s"))").map { $0.map(\.text) } == [["x"]])
    }

    /// agate reads dates with strptime's `%Y-%m-%d` and `%Y-%m-%d %H:%M:%S`: one-digit fields
    /// and a run of spaces pass, days that do not exist and second 60 do not, a column mixing
    /// date and datetime is text; dbt then loads zero-padded values (dbt 1.11 with dbt-postgres
    /// and with dbt-sqlite loaded this file to the same values, and these PostgreSQL types).
    @Test("seed dates and datetimes are read as strptime reads them", arguments: WarehouseKind.allCases)
    func seedDatesAsStrptimeReadsThem(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/s.csv": """
                id,d1,t1,t2,bad,sec60,dsp,mix
                1,2021-3-5,2021-03-16 0:00:00,2021-03-16  1:02:03,2021-02-30,2021-01-01 10:00:60,2021-03- 5,2021-3-5
                2,2021-12-31,2021-3-5 10:0:0,2020-02-29 23:59:59,2021-01-01,2021-01-01 10:00:00,2021-03-05,2021-03-05 10:00:00

                """,
        ])
        try h.runOK(.seed)
        let types = try h.conn().columns(schema: h.schema, name: "s").map { $0.dataType.lowercased() }
        if kind == .postgres {
            #expect(types == ["integer", "date", "timestamp without time zone", "timestamp without time zone",
                              "text", "text", "date", "text"])
        }
        let rows = try h.query("select \(kind == .postgres ? "d1::text, t1::text, t2::text" : "d1, t1, t2"), bad, sec60, "
                               + "\(kind == .postgres ? "dsp::text" : "dsp"), mix from \(h.rel("s")) order by id")
        #expect(rows.map { $0.map(\.text) } == [
            ["2021-03-05", "2021-03-16 00:00:00", "2021-03-16 01:02:03", "2021-02-30", "2021-01-01 10:00:60", "2021-03-05", "2021-3-5"],
            ["2021-12-31", "2021-03-05 10:00:00", "2020-02-29 23:59:59", "2021-01-01", "2021-01-01 10:00:00", "2021-03-05",
             "2021-03-05 10:00:00"],
        ])
    }

    @Test("seed column types are inferred, overridable, and empty cells are NULL", arguments: WarehouseKind.allCases)
    func seedTypes(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/people.csv": """
                id,score,active,joined,name,note,code
                1,1.5,true,2024-01-02,Ann,,007
                2,2.25,false,2024-02-03,"Smith, Jr",\"says \"\"hi\"\"\",010
                3,,TRUE,,Cy,x,

                """,
            "seeds/semi.csv": "a;b\n1;one\n2;two, with comma\n",
            "seeds/props.yml": """
                version: 2
                seeds:
                  - name: people
                    config:
                      column_types:
                        code: varchar(10)
                  - name: semi
                    config:
                      delimiter: ";"

                """,
        ])
        let report = try h.runOK(.seed)
        #expect(report.result("people")?.rowsAffected == 3)
        #expect(report.result("people")?.message == "INSERT 3")

        let types = try h.conn().columns(schema: h.schema, name: "people").map { $0.dataType.lowercased() }
        switch kind {
        case .sqlite: #expect(types == ["integer", "real", "boolean", "date", "text", "text", "varchar(10)"])
        case .postgres:
            #expect(types == ["integer", "double precision", "boolean", "date", "text", "text", "character varying(10)"])
        }

        let rows = try h.query("select id, score, active, joined, name, note, code from \(h.rel("people")) order by id")
        #expect(rows.count == 3)
        #expect(rows.map { $0[0] } == [.int(1), .int(2), .int(3)])
        #expect(rows.map { $0[1].number } == [1.5, 2.25, nil])
        #expect(rows[2][1] == .null && rows[2][3] == .null && rows[2][6] == .null, "empty cells are NULL")
        #expect(rows[0][5] == .null)
        #expect(rows.map { $0[4].text } == ["Ann", "Smith, Jr", "Cy"])
        #expect(rows[1][5].text == "says \"hi\"")
        // the override keeps leading zeros
        #expect(rows.map { $0[6].text } == ["007", "010", ""])
        #expect(try h.int("select count(*) from \(h.rel("people")) where active") == 2)
        #expect(rows[0][3].text == "2024-01-02")

        let semi = try h.rows("select a, b from \(h.rel("semi")) order by a")
        #expect(semi == [["1", "one"], ["2", "two, with comma"]])

        // a second seed run with the same columns refills the table
        try h.write("seeds/semi.csv", "a;b\n3;three\n")
        try h.runOK(.seed)
        #expect(try h.rows("select a, b from \(h.rel("semi"))") == [["3", "three"]])
        // new columns: refused by the database (dbt truncates and inserts), recreated by --full-refresh
        try h.write("seeds/semi.csv", "a;b;c\n4;four;x\n")
        #expect(try h.run(.seed).status("semi") == .error)
        try h.runOK(.seed, fullRefresh: true)
        #expect(try h.columns("semi") == ["a", "b", "c"])
        #expect(try h.int("select count(*) from \(h.rel("semi"))") == 1)
    }

    @Test("a malformed seed file is a node error naming the file and line", arguments: [WarehouseKind.sqlite])
    func badSeed(_ kind: WarehouseKind) throws {
        // a row longer than the header (a short one is padded with NULLs, as agate pads it)
        let h = try RunHarness(kind, ["seeds/bad.csv": "a,b\n1,2\n3,4,5\n", "seeds/good.csv": "x\n1\n"])
        let report = try h.run(.seed)
        let bad = try #require(report.result("bad"))
        #expect(bad.status == .error)
        #expect(bad.message?.contains("seeds/bad.csv:3") == true, "\(bad.message ?? "")")
        #expect(report.status("good") == .success)
    }
    @Test("a seed whose values no longer fit its table fails in one piece; --full-refresh recreates it",
          arguments: WarehouseKind.allCases)
    func seedRefresh(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["seeds/codes.csv": "id,code\n1,10\n2,20\n"])
        try h.runOK(.seed)
        try h.write("seeds/codes.csv", "id,code\n3,abc\n")
        let report = try h.run(.seed)
        switch kind {
        case .sqlite:
            // SQLite's column affinity takes the text into the integer column
            #expect(report.status("codes") == .success)
        case .postgres:
            let r = try #require(report.result("codes"))
            #expect(r.status == .error)
            #expect(r.message?.contains("invalid input syntax for type integer") == true, "\(r.message ?? "")")
            #expect(try h.rows("select id, code from \(h.rel("codes")) order by id") == [["1", "10"], ["2", "20"]],
                    "the failed load left the old rows")
        }
        try h.runOK(.seed, fullRefresh: true)
        #expect(try h.conn().columns(schema: h.schema, name: "codes").map(\.dataType) == ["integer", "text"])
        #expect(try h.rows("select id, code from \(h.rel("codes"))") == [["3", "abc"]])
    }
}

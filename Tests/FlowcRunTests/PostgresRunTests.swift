// What only PostgreSQL does: grants, persist_docs comments, views reading other schemas.
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("PostgreSQL specifics")
struct PostgresRunTests {
    @Test("grants: {select: [role]} is applied to tables, views and seeds")
    func grants() throws {
        let role = "flowc_reader_" + UUID().uuidString.prefix(8).lowercased()
        let h = try RunHarness(.postgres, [
            "seeds/s.csv": "id\n1\n",
            "seeds/props.yml": "version: 2\nseeds:\n  - name: s\n    config:\n      grants:\n        select: ['\(role)']\n",
            "models/granted_table.sql": "{{ config(materialized='table', grants={'select': ['\(role)']}) }}\nselect 1 as id",
            "models/granted_view.sql": "{{ config(materialized='view', grants={'select': ['\(role)']}) }}\nselect 1 as id",
            "models/private_table.sql": "{{ config(materialized='table') }}\nselect 1 as id",
        ])
        try h.execute("create role \(role)")
        defer { try? h.execute("drop owned by \(role); drop role \(role)") }
        try h.runOK(.build)
        func privilege(_ name: String) throws -> [String] {
            try h.column("select has_table_privilege('\(role)', 'analytics.\(name)', 'select')::text")
        }
        #expect(try privilege("granted_table") == ["true"])
        #expect(try privilege("granted_view") == ["true"])
        #expect(try privilege("s") == ["true"])
        #expect(try privilege("private_table") == ["false"])
        // a rebuilt table gets its grants again
        try h.runOK(.run)
        #expect(try privilege("granted_table") == ["true"])
    }

    /// As dbt's apply_grants: a relation that keeps its grants between runs (an incremental
    /// model, a reloaded seed) loses the grants its config no longer names; grantees are written
    /// as given (`Reader` is the role `reader`, as PostgreSQL folds unquoted names).
    @Test("grants a config no longer names are revoked from incremental models and seeds")
    func grantsAreRevoked() throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let (a, b) = ("flowc_a_" + suffix, "flowc_b_" + suffix)
        let h = try RunHarness(.postgres, [
            "seeds/s.csv": "id\n1\n",
            "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\nmodels:\n  +grants: {select: ['\(a.uppercased())']}\n"
                + "seeds:\n  +grants: {select: ['\(a)']}\n",
            "models/inc.sql": "{{ config(materialized='incremental') }}\nselect 1 as id",
        ])
        try h.execute("create role \(a); create role \(b)")
        defer { try? h.execute("drop owned by \(a); drop role \(a); drop owned by \(b); drop role \(b)") }
        try h.runOK(.build)
        func privilege(_ role: String, _ name: String) throws -> [String] {
            try h.column("select has_table_privilege('\(role)', 'analytics.\(name)', 'select')::text")
        }
        #expect(try privilege(a, "inc") == ["true"])
        #expect(try privilege(a, "s") == ["true"])
        try h.write("dbt_project.yml", "name: shop\nversion: '1.0'\nprofile: shop\nmodels:\n  +grants: {select: ['\(b)']}\n"
                    + "seeds:\n  +grants: {select: ['\(b)']}\n")
        try h.runOK(.build)
        #expect(try privilege(a, "inc") == ["false"])
        #expect(try privilege(b, "inc") == ["true"])
        #expect(try privilege(a, "s") == ["false"])
        #expect(try privilege(b, "s") == ["true"])
    }

    @Test("persist_docs writes the model's and its columns' descriptions as comments")
    func persistDocs() throws {
        let h = try RunHarness(.postgres, [
            "models/documented.sql": "{{ config(materialized='table') }}\nselect 1 as id, 'x' as label",
            "models/documented_view.sql": "{{ config(materialized='view') }}\nselect 1 as id",
            "models/schema.yml": """
                version: 2
                models:
                  - name: documented
                    description: "One row per thing, it's documented"
                    config:
                      persist_docs: {relation: true, columns: true}
                    columns:
                      - name: id
                        description: The key
                      - name: label
                        description: What it's called
                      - name: not_a_column
                        description: ignored
                  - name: documented_view
                    description: A view
                    config:
                      persist_docs: {relation: true}

                """,
        ])
        try h.runOK(.run)
        #expect(try h.column("select obj_description('analytics.documented'::regclass, 'pg_class')")
                == ["One row per thing, it's documented"])
        #expect(try h.column("select col_description('analytics.documented'::regclass, 1)") == ["The key"])
        #expect(try h.column("select col_description('analytics.documented'::regclass, 2)") == ["What it's called"])
        #expect(try h.column("select obj_description('analytics.documented_view'::regclass, 'pg_class')") == ["A view"])
    }

    @Test("a custom schema is created, and a view there reads a table of the target schema")
    func crossSchemaViews() throws {
        let h = try RunHarness(.postgres, [
            "models/base_table.sql": "{{ config(materialized='table') }}\nselect 1 as id union all select 2",
            "models/marts/mart_view.sql": "{{ config(materialized='view', schema='marts') }}\nselect count(*) as n from {{ ref('base_table') }}",
            "models/marts/mart_table.sql": "{{ config(materialized='table', schema='marts') }}\nselect n * 10 as n from {{ ref('mart_view') }}",
        ])
        let report = try h.runOK(.run)
        #expect(report.result("mart_view")?.relationName == "\"\(h.database)\".\"analytics_marts\".\"mart_view\"")
        #expect(try h.column("select nspname from pg_namespace where nspname like 'analytics%' order by 1") == ["analytics", "analytics_marts"])
        #expect(try h.relationKind("mart_view", schema: "analytics_marts") == .view)
        #expect(try h.column("select n from analytics_marts.mart_view") == ["2"])
        #expect(try h.column("select n from analytics_marts.mart_table") == ["20"])
        // the table under the view is rebuilt: the view still reads it (dropped by cascade and recreated)
        try h.write("models/base_table.sql", "{{ config(materialized='table') }}\nselect 1 as id")
        try h.runOK(.run)
        #expect(try h.column("select n from analytics_marts.mart_view") == ["1"])
    }

    @Test("values round-trip with their PostgreSQL types through seeds and models")
    func types() throws {
        let h = try RunHarness(.postgres, [
            "seeds/typed.csv": "i,d,b,day,ts,t\n1,2.50,true,2024-03-01,2024-03-01 10:11:12,héllo\n",
            "models/typed_model.sql": """
                {{ config(materialized='table') }}
                select i + 1 as i, d * 2 as d, not b as b, day + 1 as day, ts, t || '!' as t from {{ ref('typed') }}
                """,
        ])
        try h.runOK(.build)
        let types = try h.conn().columns(schema: "analytics", name: "typed").map(\.dataType)
        #expect(types == ["integer", "double precision", "boolean", "date", "timestamp without time zone", "text"])
        let row = try #require(try h.query("select i, d, b, day, ts, t from analytics.typed_model").first)
        #expect(row[0] == .int(2))
        #expect(row[1] == .double(5))
        #expect(row[2] == .bool(false))
        #expect(row[3] == .text("2024-03-02"))
        #expect(row[4] == .text("2024-03-01 10:11:12"))
        #expect(row[5] == .text("héllo!"))
    }
}

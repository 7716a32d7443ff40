// The project file's `quoting:` and a source's `quoting:`, on a real PostgreSQL (whose adapter
// quotes every part by default): unquoted names fold to lower case there, so the relation a
// run creates shows which policy was used.
import FlowcRun
import Foundation
import Testing

@Suite("Relation quoting")
struct QuotingTests {
    @Test("project quoting: false spells relations unquoted, in compiled SQL, DDL and relation names; source() keeps the adapter's quoting")
    func projectQuoting() throws {
        let h = try RunHarness(.postgres, [
            "flowc.yml": """
                name: shop
                version: '1.0'
                profile: shop
                quoting:
                  database: false
                  schema: false
                  identifier: false
                models:
                  +materialized: table
                """,
            "models/MixedCase.sql": "select 1 as id",
            "models/reader.sql": "select * from {{ ref('MixedCase') }} join {{ source('raw', 'Events') }} using (id)",
            "models/sources.yml": """
                sources:
                  - name: raw
                    schema: analytics
                    quoting:
                      identifier: true
                    tables:
                      - name: Events
                """,
        ])
        try h.execute("create schema if not exists analytics")
        try h.execute("create table analytics.\"Events\" (id int)")
        try h.execute("insert into analytics.\"Events\" values (1)")
        let report = try h.runOK(.run)
        #expect(report.results.count == 2)
        // unquoted, PostgreSQL folds the model's name to lower case
        #expect(try h.int("select count(*) from information_schema.tables where table_schema = 'analytics' and table_name = 'mixedcase'") == 1)
        #expect(try h.int("select count(*) from information_schema.tables where table_name = 'MixedCase'") == 0)
        #expect(try h.int("select count(*) from analytics.reader") == 1)
        let compiled = try String(contentsOfFile: h.root + "/target/compiled/shop/models/reader.sql", encoding: .utf8)
        // source() ignores the project's quoting (dbt's SourceQuotingBaseConfig): the adapter's
        // policy, then the source's own
        #expect(compiled == "select * from \(h.database).analytics.MixedCase join \"\(h.database)\".\"analytics\".\"Events\" using (id)")
        // a second run finds the folded relations (as dbt's exactish match does) and replaces them
        let again = try h.runOK(.run)
        #expect(again.results.count == 2)
        #expect(try h.int("select count(*) from analytics.mixedcase") == 1)
    }

    @Test("without project quoting, PostgreSQL relations are quoted as dbt-postgres quotes them")
    func defaultQuoting() throws {
        let h = try RunHarness(.postgres, [
            "models/MixedCase.sql": "{{ config(materialized='table') }} select 1 as id",
            "models/reader.sql": "select * from {{ ref('MixedCase') }}",
        ])
        try h.runOK(.run)
        #expect(try h.int("select count(*) from information_schema.tables where table_schema = 'analytics' and table_name = 'MixedCase'") == 1)
        let compiled = try String(contentsOfFile: h.root + "/target/compiled/shop/models/reader.sql", encoding: .utf8)
        #expect(compiled == "select * from \"\(h.database)\".\"analytics\".\"MixedCase\"")
    }
}

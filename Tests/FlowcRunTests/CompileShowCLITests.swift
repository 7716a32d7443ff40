// dbt's interactive compile (1.5+), checked against dbt-core 1.11.16: `compile -s <name>` prints
// the SQL of each compiled node whose name is part of the first --select argument, after a
// heading unless --quiet; `--output json` prints {"node", "compiled"} (or {"compiled"} for
// --inline) indented as dbt does.
import Foundation
import Testing

@Suite struct CompileShowCLITests {
    static func project() throws -> String {
        try CLITests.project([
            "models/paid.sql": "select id, amount from {{ ref('orders') }} where status = 'paid'",
            "models/big.sql": "select id from {{ ref('paid') }} where amount > 10",
        ])
    }

    @Test func aNodePickedByNameIsPrinted() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-s", "+big"], in: root)
        #expect(r.code == 0, "\(r.output)")
        // its parents are compiled too, but only the node named in the selection is shown
        #expect(r.output.hasSuffix("""
            Compiled node 'big' is:
            select id from main."paid" where amount > 10

            """))
        #expect(!r.output.contains("Compiled node 'paid'"))
        let quiet = try CLITests.flowc(["compile", "-q", "-s", "paid"], in: root)
        #expect(quiet.output == "select id, amount from main.\"orders\" where status = 'paid'\n")
        // no --select, nothing shown
        #expect(!(try CLITests.flowc(["compile"], in: root)).output.contains("Compiled node"))
    }

    @Test func jsonOutput() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-q", "-s", "big", "--output", "json"], in: root)
        #expect(r.output == """
            {
              "node": "big",
              "compiled": "select id from main.\\"paid\\" where amount > 10"
            }

            """)
        let inline = try CLITests.flowc(["compile", "-q", "--inline", "select 1 from {{ ref('big') }}", "--output", "json"], in: root)
        #expect(inline.output == """
            {
              "compiled": "select 1 from main.\\"big\\""
            }

            """)
    }
}

/// dbt's compile connects to the warehouse; flowc's compiles offline and compiles again over a
/// connection only the nodes that read the warehouse (run_query, adapter introspection).
@Suite struct LiveCompileCLITests {
    static let files = [
        "macros/star.sql": """
            {% macro my_star(rel) %}
            {%- if not execute -%}{{ return('*') }}{%- endif -%}
            {%- set cols = adapter.get_columns_in_relation(rel) -%}
            {%- for c in cols %}{{ c.name }}{% if not loop.last %}, {% endif %}{% endfor -%}
            {% endmacro %}
            """,
        "models/starred.sql": "select {{ my_star(ref('orders')) }} from {{ ref('orders') }}",
        "models/statuses.sql": """
            {% set rows = run_query("select distinct status from " ~ ref('orders') ~ " order by 1") %}
            select {% for s in (rows.columns[0].values() if execute else []) %}sum(case when status = '{{ s }}' then amount end) as {{ s }}_amount{{ ", " if not loop.last }}{% endfor %}
            from {{ ref('orders') }}
            """,
        "models/eph.sql": "{{ config(materialized='ephemeral') }} select {{ my_star(ref('orders')) }} from {{ ref('orders') }}",
        "models/uses_eph.sql": "select * from {{ ref('eph') }}",
        "models/plain.sql": "select 1 as one",
    ]

    @Test func nodesThatReadTheWarehouseCompileOverAConnection() throws {
        let root = try CLITests.project(Self.files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // nothing is built yet: run_query fails as in dbt, and the command fails
        let before = try CLITests.flowc(["compile", "-q"], in: root)
        #expect(before.code == 2)
        #expect(before.output.contains("models/statuses.sql:1:24: error: database error: no such table: main.orders"))
        #expect(try CLITests.flowc(["seed", "-q"], in: root).code == 0)
        let after = try CLITests.flowc(["compile", "-q"], in: root)
        #expect(after.code == 0, "\(after.output)")
        func compiled(_ name: String) throws -> String {
            try String(contentsOfFile: root + "/target/compiled/shop/models/\(name).sql", encoding: .utf8)
        }
        #expect(try compiled("starred") == "select id, amount, status from main.\"orders\"")
        #expect(try compiled("statuses") == """

            select sum(case when status = 'open' then amount end) as open_amount, sum(case when status = 'paid' then amount end) as paid_amount
            from main."orders"
            """)
        // an ephemeral parent that reads the warehouse is compiled over the connection as part of its child
        #expect(try compiled("uses_eph") == """
            with __dbt__cte__eph as (
             select id, amount, status from main."orders"
            ) select * from __dbt__cte__eph
            """)
        #expect(try compiled("plain") == "select 1 as one")
    }

    @Test func aLiveCompileIsACompileAndKeepsEmpty() throws {
        let root = try CLITests.project([
            "models/live.sql": "{% set r = run_query('select 1') %}select '{{ flags.WHICH }}' as w, * from {{ ref('orders') }}",
            "models/offline.sql": "select '{{ flags.WHICH }}' as w, * from {{ ref('orders') }}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-q", "--empty"], in: root)
        #expect(r.code == 0, "\(r.output)")
        let live = try String(contentsOfFile: root + "/target/compiled/shop/models/live.sql", encoding: .utf8)
        let offline = try String(contentsOfFile: root + "/target/compiled/shop/models/offline.sql", encoding: .utf8)
        // the same text either way: `flags.WHICH` is compile, and --empty wraps the ref
        #expect(live == offline)
        #expect(live.hasPrefix("select 'compile' as w, * from (select * from main.\"orders\" where false limit 0)"))
        let inline = try CLITests.flowc(["compile", "-q", "--inline",
                                         "{% set r = run_query('select 5') %}select {{ r.columns[0].values()[0] if execute else 0 }} as n"], in: root)
        #expect(inline.output == "select 5 as n\n")
    }

    /// dbt's flags.WHICH names the command: `show` and `run-operation` too.
    @Test func flagsWhichNamesShowAndRunOperation() throws {
        let root = try CLITests.project([
            "models/which.sql": "select '{{ flags.WHICH }}' as w",
            "macros/which.sql": "{% macro which() %}{{ log('which=' ~ flags.WHICH, info=True) }}{% endmacro %}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let shown = try CLITests.flowc(["show", "-s", "which"], in: root)
        #expect(shown.code == 0, "\(shown.output)")
        #expect(shown.output.contains("| show |"), "\(shown.output)")
        let op = try CLITests.flowc(["run-operation", "which"], in: root)
        #expect(op.output.contains("which=run-operation"), "\(op.output)")
    }

    @Test func anEphemeralParentThatStillFailsIsReportedOnceAndItsChildrenAreNotWritten() throws {
        let root = try CLITests.project([
            "models/eph.sql": "{{ config(materialized='ephemeral') }}\n{% set r = run_query('select * from no_such_table') %}select 1 as x",
            "models/child.sql": "select * from {{ ref('eph') }}",
            "models/child2.sql": "select * from {{ ref('eph') }}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-q"], in: root)
        #expect(r.code == 2)
        #expect(r.output.components(separatedBy: "no such table: no_such_table").count == 2, "\(r.output)")
        #expect(!r.output.contains("needs a warehouse connection"))
        #expect(!FileManager.default.fileExists(atPath: root + "/target/compiled/shop/models/child.sql"))
        #expect(!FileManager.default.fileExists(atPath: root + "/target/compiled/shop/models/child2.sql"))
    }

    @Test func anUnreachableWarehouseKeepsTheErrorsWithANote() throws {
        var files = Self.files
        files["flowc.yml"] = "name: shop\nprofile: shop\n"
        files["profiles.yml"] = """
            shop:
              target: pg
              outputs:
                pg: {type: postgres, host: 127.0.0.1, port: 1, user: u, password: p, dbname: d, schema: s, connect_timeout: 2}
            """
        let root = try CLITests.project(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-q"], in: root)
        #expect(r.code == 2)
        #expect(r.output.contains("note: 4 nodes read the warehouse while compiling, and it could not be reached"))
        #expect(r.output.contains("models/starred.sql"))
        #expect(r.output.contains("needs a warehouse connection"))
        // the other nodes compiled
        #expect(FileManager.default.fileExists(atPath: root + "/target/compiled/shop/models/plain.sql"))
    }
}

// The order nodes run in and what waits for what, checked against dbt 1.11.16 (dbt-postgres
// 1.11.0, `dbt build --threads 1`) on the same project: dbt's queue takes ready nodes by depth
// level then unique id, first come first served, with ephemeral models taking a turn, a
// model's unit tests right before it, and skipped nodes reported when their turn comes.
import FlowcRun
import Foundation
import Testing

@Suite("Run order and transitive waits")
struct RunOrderTests {
    /// Two seeds, two roots, an ephemeral model, unit tests, and a failing test (k_leaf has id 1
    /// twice) that skips f_final.
    static let project: [String: String] = [
        "seeds/zz_seed.csv": "id,v\n1,a\n2,b\n",
        "seeds/aa_seed.csv": "id,v\n1,a\n",
        "models/b_stage.sql": "select * from {{ ref('zz_seed') }}",
        "models/y_stage.sql": "select * from {{ ref('aa_seed') }}",
        "models/e_eph.sql": "{{ config(materialized='ephemeral') }} select * from {{ ref('b_stage') }}",
        "models/a_after_eph.sql": "select * from {{ ref('e_eph') }}",
        "models/c_root.sql": "select 1 as id",
        "models/d_root.sql": "select 2 as id",
        "models/m_mid.sql": "select id from {{ ref('c_root') }} union all select id from {{ ref('y_stage') }}",
        "models/k_leaf.sql": "select * from {{ ref('m_mid') }}",
        "models/f_final.sql": "select * from {{ ref('k_leaf') }} join {{ ref('a_after_eph') }} using (id)",
        "models/schema.yml": """
            models:
              - name: b_stage
                columns:
                  - name: id
                    data_tests: [not_null, unique]
              - name: m_mid
                columns:
                  - name: id
                    data_tests: [not_null]
              - name: k_leaf
                columns:
                  - name: id
                    data_tests: [unique]
            unit_tests:
              - name: ut_k_leaf
                model: k_leaf
                given:
                  - input: ref('m_mid')
                    rows: [{id: 1}]
                expect:
                  rows: [{id: 1}]
              - name: ut_y
                model: y_stage
                given:
                  - input: ref('aa_seed')
                    rows: [{id: 1, v: 'x'}]
                expect:
                  rows: [{id: 1, v: 'x'}]
            """,
    ]

    /// What each event reports, in order: "START name" or "SKIP name".
    static func lines(_ report: RunReport) -> [String] {
        report.events.compactMap {
            switch $0 {
            case .started(_, _, let node, _): return "START " + node.name
            case .finished(_, _, let node, _, let result) where result.status == .skipped: return "SKIP " + node.name
            default: return nil
            }
        }
    }

    @Test("build with one thread runs nodes in dbt's order")
    func buildOrderIsDbts() throws {
        let h = try RunHarness(.sqlite, Self.project)
        let report = try h.run(.build, threads: 1)
        #expect(Self.lines(report) == [
            "START c_root", "START d_root", "START aa_seed", "START zz_seed", "START ut_y", "START y_stage",
            "START b_stage", "START m_mid", "START not_null_b_stage_id", "START unique_b_stage_id",
            "START not_null_m_mid_id", "START ut_k_leaf", "START k_leaf", "START a_after_eph",
            "START unique_k_leaf_id", "SKIP f_final",
        ])
        #expect(report.status("unique_k_leaf_id") == .fail)
    }

    @Test("a node below a failure is reported skipped when its turn comes, as dbt does")
    func skipsComeInTurn() throws {
        var files = Self.project
        // m_mid now fails when it is built (a table, so SQLite evaluates the query)
        files["models/m_mid.sql"] = "{{ config(materialized='table') }} select id from {{ ref('c_root') }} "
            + "union all select id from {{ ref('y_stage') }} union all select id from no_such_table_xyz"
        let h = try RunHarness(.sqlite, files)
        let report = try h.run(.build, threads: 1)
        #expect(Self.lines(report) == [
            "START c_root", "START d_root", "START aa_seed", "START zz_seed", "START ut_y", "START y_stage",
            "START b_stage", "START m_mid", "START not_null_b_stage_id", "START unique_b_stage_id",
            "SKIP not_null_m_mid_id", "SKIP ut_k_leaf", "SKIP k_leaf", "START a_after_eph",
            "SKIP unique_k_leaf_id", "SKIP f_final",
        ])
        #expect(report.result("k_leaf")?.status == .skipped)
    }

    @Test("a selected node waits for a selected ancestor through unselected models, and is skipped when it fails")
    func transitiveWaits() throws {
        let files = [
            "models/z_up.sql": "{{ config(materialized='table') }} select 1 as id",
            "models/m_mid.sql": "select * from {{ ref('z_up') }}",
            "models/a_down.sql": "{{ config(materialized='table') }} select * from {{ ref('m_mid') }}",
        ]
        let h = try RunHarness(.sqlite, files)
        try h.runOK(.run)
        // a_down sorts first, yet reads z_up through m_mid: it must wait
        let report = try h.run(.run, threads: 2, select: ["z_up", "a_down"])
        #expect(report.startOrder == ["z_up", "a_down"])

        try h.write("models/z_up.sql", "{{ config(materialized='table') }} select id from no_such_table_xyz")
        let failed = try h.run(.run, threads: 2, select: ["z_up", "a_down"])
        #expect(failed.status("z_up") == .error)
        #expect(failed.status("a_down") == .skipped)
        #expect(failed.startOrder == ["z_up"])
    }
}

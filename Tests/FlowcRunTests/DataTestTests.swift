// Data tests run against real rows: built-in generic tests, custom generic and singular tests,
// severity, thresholds, where, limit, store_failures, and how `build` gates on them.
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Data tests")
struct DataTestTests {
    static let files: [String: String] = [
        // id: 2 appears twice, one NULL; status: 'deleted' (twice) and 'unknown' are not accepted;
        // country_id: 9 twice has no country; amount: -5 is not positive
        "seeds/people.csv": """
            id,name,status,country_id,amount
            1,ann,active,1,10
            2,bob,inactive,1,20
            2,bob2,deleted,2,30
            3,cy,deleted,9,-5
            ,nobody,unknown,,1
            4,dee,active,9,2

            """,
        "seeds/countries.csv": "id,name\n1,France\n2,Japan\n",
        "tests/generic/is_positive.sql": """
            {% test is_positive(model, column_name) %}
            select {{ column_name }} from {{ model }} where {{ column_name }} <= 0
            {% endtest %}
            """,
        "tests/no_huge_amounts.sql": "select * from {{ ref('people') }} where amount > 1000\n",
        "tests/no_negative_amounts.sql": "select * from {{ ref('people') }} where amount < 0\n",
        "seeds/schema.yml": """
            version: 2
            seeds:
              - name: people
                columns:
                  - name: id
                    data_tests:
                      - unique
                      - not_null
                      - not_null:
                          name: id_not_null_where
                          config:
                            where: "name <> 'nobody'"
                  - name: name
                    data_tests: [unique, not_null]
                  - name: status
                    data_tests:
                      - accepted_values:
                          values: ['active', 'inactive']
                      - accepted_values:
                          name: status_warned
                          values: ['active', 'inactive']
                          config:
                            severity: warn
                  - name: country_id
                    data_tests:
                      - relationships:
                          to: ref('countries')
                          field: id
                      - relationships:
                          name: country_limited
                          to: ref('countries')
                          field: id
                          config:
                            limit: 1
                      - relationships:
                          name: country_thresholds_warn
                          to: ref('countries')
                          field: id
                          config:
                            warn_if: ">1"
                            error_if: ">5"
                      - relationships:
                          name: country_thresholds_error
                          to: ref('countries')
                          field: id
                          config:
                            warn_if: ">0"
                            error_if: ">1"
                      - relationships:
                          name: country_thresholds_pass
                          to: ref('countries')
                          field: id
                          config:
                            warn_if: ">2"
                            error_if: ">2"
                      - relationships:
                          name: country_stored
                          to: ref('countries')
                          field: id
                          config:
                            store_failures: true
                  - name: amount
                    data_tests: [is_positive]

            """,
    ]

    @Test("generic, custom and singular tests pass, warn and fail with the right failure counts",
          arguments: WarehouseKind.allCases)
    func tests(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files)
        try h.runOK(.seed)
        let report = try h.run(.test)
        let tests = report.results
        #expect(tests.count == 16, "\(report.summary)")

        func check(_ name: String, _ status: NodeStatus, failures: Int, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let r = report.result(name) else {
                Issue.record("no result for \(name):\n\(report.summary)", sourceLocation: sourceLocation)
                return
            }
            #expect(r.status == status, "\(name): \(r.message ?? "")", sourceLocation: sourceLocation)
            #expect(r.failures == failures, "\(name)", sourceLocation: sourceLocation)
        }
        check("unique_people_id", .fail, failures: 1)
        check("not_null_people_id", .fail, failures: 1)
        check("id_not_null_where", .pass, failures: 0)
        check("unique_people_name", .pass, failures: 0)
        check("not_null_people_name", .pass, failures: 0)
        // accepted_values counts distinct bad values: deleted, unknown
        check("accepted_values_people_status", .fail, failures: 2)
        check("status_warned", .warn, failures: 2)
        check("relationships_people_country_id", .fail, failures: 2)
        check("country_limited", .fail, failures: 1)
        check("country_thresholds_warn", .warn, failures: 2)
        check("country_thresholds_error", .fail, failures: 2)
        // 2 bad rows, under both thresholds: a pass, and dbt reports 0 failures for a pass
        check("country_thresholds_pass", .pass, failures: 0)
        check("country_stored", .fail, failures: 2)
        check("is_positive_people_amount", .fail, failures: 1)
        check("no_huge_amounts", .pass, failures: 0)
        check("no_negative_amounts", .fail, failures: 1)

        #expect(report.result("unique_people_id")?.message == "Got 1 result, configured to fail if != 0")
        #expect(report.result("status_warned")?.message == "Got 2 results, configured to warn if != 0")
        #expect(report.result("status_warned")?.isFailure == false)
        #expect(report.result("country_thresholds_error")?.message == "Got 2 results, configured to fail if >1")

        // store_failures: the failing rows are kept in a table of the audit schema
        let stored = try #require(report.result("country_stored"))
        let relation = try #require(stored.relationName)
        #expect(relation.contains("\(h.schema)_dbt_test__audit"), "\(relation)")
        #expect(try h.relationKind("country_stored", schema: h.schema + "_dbt_test__audit") == .table)
        #expect(try h.int("select count(*) from \(relation)") == 2)
        // a test without store_failures keeps nothing
        #expect(try h.relationKind("relationships_people_country_id", schema: h.schema + "_dbt_test__audit") == nil)
    }

    /// PostgreSQL keeps 63 characters of a name: a table or stored failures named that long
    /// are built beside themselves as `<name cut>__dbt_tmp` (and kept as `…__dbt_backup` while
    /// swapped), as dbt-postgres names them; the uncut suffixed name became the name itself
    /// ("relation already exists" on every long hashed test name of dbt-utils).
    @Test("63-character names build and rebuild", arguments: WarehouseKind.allCases)
    func longNamesRebuild(_ kind: WarehouseKind) throws {
        let model = "m" + String(repeating: "x", count: 62)
        let test = "t" + String(repeating: "y", count: 62)
        let h = try RunHarness(kind, [
            "models/\(model).sql": "{{ config(materialized='table') }} select 1 as id union all select 1",
            "models/p.yml": """
                version: 2
                models:
                  - name: \(model)
                    columns:
                      - name: id
                        data_tests:
                          - unique:
                              name: \(test)
                              config: {store_failures: true}
                """,
        ])
        for _ in 0..<2 {
            try h.runOK(.run)
            let report = try h.run(.test)
            let r = try #require(report.result(test), "\(report.summary)")
            #expect(r.status == .fail, "\(r.message ?? "")")
            #expect(try h.int("select count(*) from \(h.rel(model))") == 2)
            #expect(try h.relationKind(test, schema: h.schema + "_dbt_test__audit") == .table)
        }
    }

    /// dbt's store_failures_as: it decides whether a test stores its failures (ephemeral: no;
    /// table, view: yes, without store_failures), and as what; `not_null` then selects every
    /// column, as dbt's compiles it; a stored relation of the other kind is replaced. (PostgreSQL:
    /// a SQLite view cannot read another database file, which the audit schema is.)
    @Test("store_failures_as stores failing rows as a view or a table", arguments: [WarehouseKind.postgres])
    func storeFailuresAs(_ kind: WarehouseKind) throws {
        let files: [String: String] = [
            "models/m.sql": "select 1 as id, null as name union all select 2, 'x'",
            "models/p.yml": """
                version: 2
                models:
                  - name: m
                    columns:
                      - name: name
                        data_tests:
                          - not_null:
                              config: {store_failures_as: view}
                      - name: id
                        data_tests:
                          - accepted_values:
                              values: [1]
                              config: {store_failures: true, store_failures_as: ephemeral}
                """,
        ]
        let h = try RunHarness(kind, files)
        try h.runOK(.run)
        let report = try h.run(.test)
        #expect(report.status("not_null_m_name") == .fail)
        let audit = h.schema + "_dbt_test__audit"
        #expect(try h.relationKind("not_null_m_name", schema: audit) == .view)
        #expect(try h.int("select count(*) from \(try #require(report.result("not_null_m_name")?.relationName))") == 1)
        #expect(try h.relationKind("accepted_values_m_id__1", schema: audit) == nil)
        let compiled = try String(contentsOfFile: h.root + "/target/compiled/shop/models/p.yml/not_null_m_name.sql", encoding: .utf8)
        #expect(compiled.contains("select *"), "\(compiled)")
        // as a table now: the view is replaced
        try h.write("models/p.yml", files["models/p.yml"]!.replacingOccurrences(of: "store_failures_as: view", with: "store_failures_as: table"))
        _ = try h.run(.test)
        #expect(try h.relationKind("not_null_m_name", schema: audit) == .table)
    }

    /// dbt validates the fail_calc's count as an integer: NULL (a sum over no rows) and a
    /// fraction are errors with jsonschema's message (dbt 1.11 with dbt-postgres wrote these);
    /// a float of a whole value counts.
    @Test("a fail_calc that counts NULL or a fraction is an error, as dbt's", arguments: WarehouseKind.allCases)
    func failCalcNotInteger(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "select 1 as id, 2.5 as amt union all select 2, 2.5",
            "tests/t_avg.sql": "{{ config(fail_calc='avg(amt)', warn_if='>2') }}\nselect * from {{ ref('m') }}",
            "tests/t_none.sql": "{{ config(fail_calc='sum(amt)') }}\nselect * from {{ ref('m') }} where id > 5",
            "tests/t_whole.sql": "{{ config(fail_calc='sum(amt)') }}\nselect * from {{ ref('m') }}",
        ])
        let report = try h.run(.build)
        #expect(report.result("t_avg")?.status == .error)
        #expect(report.result("t_avg")?.message?.contains("2.5 is not of type 'integer'\n\nFailed validating 'type' in schema['properties']['failures']:") == true,
                "\(report.result("t_avg")?.message ?? "")")
        #expect(report.result("t_none")?.status == .error)
        #expect(report.result("t_none")?.message?.contains("None is not of type 'integer'") == true, "\(report.result("t_none")?.message ?? "")")
        #expect(report.result("t_whole")?.status == .fail)
        #expect(report.result("t_whole")?.failures == 5)
    }

    @Test("a singular test that finds rows fails", arguments: [WarehouseKind.sqlite])
    func singular(_ kind: WarehouseKind) throws {
        var files = Self.files
        files["seeds/schema.yml"] = nil
        files["tests/generic/is_positive.sql"] = nil
        let h = try RunHarness(kind, files)
        try h.runOK(.seed)
        let report = try h.run(.test)
        #expect(report.results.count == 2)
        #expect(report.status("no_negative_amounts") == .fail)
        #expect(report.result("no_negative_amounts")?.failures == 1)
        #expect(report.status("no_huge_amounts") == .pass)
    }

    @Test("under build, a failing error test skips its model's children; a warning does not",
          arguments: WarehouseKind.allCases)
    func buildGating(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/raw.csv": "id,kind\n1,a\n1,b\n2,c\n",
            "models/strict.sql": "select id, kind from {{ ref('raw') }}",
            "models/strict_child.sql": "{{ config(materialized='table') }}\nselect * from {{ ref('strict') }}",
            "models/strict_grandchild.sql": "select * from {{ ref('strict_child') }}",
            "models/lenient.sql": "select id, kind from {{ ref('raw') }}",
            "models/lenient_child.sql": "{{ config(materialized='table') }}\nselect * from {{ ref('lenient') }}",
            "models/schema.yml": """
                version: 2
                models:
                  - name: strict
                    columns:
                      - name: id
                        data_tests: [unique]
                  - name: lenient
                    columns:
                      - name: id
                        data_tests:
                          - unique:
                              config:
                                severity: warn

                """,
        ])
        let report = try h.run(.build)
        #expect(report.status("raw") == .success)
        #expect(report.status("strict") == .success)
        #expect(report.status("unique_strict_id") == .fail)
        let child = try #require(report.result("strict_child"))
        #expect(child.status == .skipped)
        #expect(child.message == nil, "\(child.message ?? "")")
        #expect(report.status("strict_grandchild") == .skipped)
        #expect(try h.relationKind("strict_child") == nil)

        #expect(report.status("unique_lenient_id") == .warn)
        #expect(report.status("lenient_child") == .success)
        #expect(try h.int("select count(*) from \(h.rel("lenient_child"))") == 3)

        // `run` does not run tests, so nothing gates
        let run = try h.run(.run)
        #expect(run.status("strict_child") == .success)
    }

    @Test("--store-failures stores every test's failing rows", arguments: [WarehouseKind.sqlite])
    func storeFailuresFlag(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/s.csv": "id\n1\n1\n2\n",
            "seeds/schema.yml": "version: 2\nseeds:\n  - name: s\n    columns:\n      - name: id\n        data_tests: [unique]\n",
        ])
        try h.runOK(.seed)
        let report = try h.run(.test, storeFailures: true)
        #expect(report.status("unique_s_id") == .fail)
        #expect(try h.rows("select unique_field, n_records from \(h.rel("unique_s_id", schema: "main_dbt_test__audit"))") == [["1", "2"]])
    }
}

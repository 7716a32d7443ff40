// dbt unit tests run against real warehouses (a SQLite file, a PostgreSQL server the tests
// start): fixtures typed from the real input relations, overrides, csv/sql formats, the diff of
// a failing test, build order (a failing unit test keeps its model and what follows from
// building), and the definition errors that only show when a test runs.
@testable import FlowcRun
import FlowcGraph
import FlowcSQL
import FlowcWarehouse
import Foundation
import Testing

private let unitTestProject: [String: String] = [
    "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\nvars:\n  min_amount: 0\n",
    "seeds/raw_customers.csv": "id,email,created_at\n1,alice@example.com,2024-01-01\n2,bob_at_example,2024-01-02\n",
    "seeds/raw_orders.csv": "id,customer_id,amount\n10,1,5.5\n11,1,7.25\n12,2,0\n",
    "models/stg_customers.sql": "select id, email, created_at from {{ ref('raw_customers') }}",
    "models/stg_orders.sql": "select id, customer_id, amount from {{ ref('raw_orders') }}",
    "models/dim_customers.sql": """
        with customers as (
            select * from {{ ref('stg_customers') }}
        ),
        order_counts as (
            select customer_id, count(*) as order_count
            from {{ ref('stg_orders') }}
            where amount > {{ var('min_amount') }}
            group by customer_id
        )
        select
            c.id as customer_id,
            c.email,
            case when c.email like '%@%.%' then true else false end as is_valid_email,
            coalesce(oc.order_count, 0) as order_count
        from customers c
        left join order_counts oc on oc.customer_id = c.id
        """,
    "models/downstream.sql": "select customer_id from {{ ref('dim_customers') }}",
    "models/fct_orders_incr.sql": """
        {{ config(materialized='incremental', unique_key='id') }}
        select id, customer_id, '{{ var("run_label", "default") }}' as run_label,
               '{{ env_var("UT_ENV_LABEL", "none") }}' as env_label
        from {{ ref('stg_orders') }}
        {% if is_incremental() %}
        where id > (select coalesce(max(id), 0) from {{ this }})
        {% endif %}
        """,
    "tests/fixtures/customers.csv": "id,email,created_at\n1,alice@example.com,2024-01-01\n",
    "models/unit_tests.yml": """
        version: 2
        unit_tests:
          - name: ut_dict
            model: dim_customers
            given:
              - input: ref('stg_customers')
                rows:
                  - {id: 1, email: alice@example.com, created_at: "2024-01-01"}
                  - {id: 2, email: bob_at_example}
              - input: ref('stg_orders')
                rows:
                  - {id: 10, customer_id: 1, amount: 5.5}
                  - {id: 11, customer_id: 1, amount: 7.25}
                  - {id: 12, customer_id: 2, amount: 0}
            expect:
              rows:
                - {customer_id: 1, email: alice@example.com, is_valid_email: true, order_count: 2}
                - {customer_id: 2, email: bob_at_example, is_valid_email: false, order_count: 0}
          - name: ut_csv_and_sql
            model: dim_customers
            overrides:
              vars: {min_amount: 6}
            given:
              - input: ref('stg_customers')
                format: csv
                fixture: customers
              - input: ref('stg_orders')
                format: sql
                rows: |
                  select 10 as id, 1 as customer_id, 5.5 as amount
                  union all
                  select 11 as id, 1 as customer_id, 7.25 as amount
            expect:
              format: sql
              rows: select 1 as customer_id, 'alice@example.com' as email, true as is_valid_email, 1 as order_count
          - name: ut_incremental
            model: fct_orders_incr
            overrides:
              macros: {is_incremental: true}
              vars: {run_label: from_override}
              env_vars: {UT_ENV_LABEL: env_override}
            given:
              - input: this
                rows: [{id: 1}]
              - input: ref('stg_orders')
                rows: [{id: 1, customer_id: 1}, {id: 2, customer_id: 1}, {id: 3, customer_id: 2}]
            expect:
              rows:
                - {id: 2, run_label: from_override, env_label: env_override}
                - {id: 3, run_label: from_override, env_label: env_override}
          - name: ut_failing
            model: dim_customers
            given:
              - input: ref('stg_customers')
                rows: [{id: 1, email: alice@example.com}, {id: 3, email: carol}]
              - input: ref('stg_orders')
                rows: [{id: 10, customer_id: 1, amount: 5}]
            expect:
              rows:
                - {customer_id: 1, order_count: 99}
                - {customer_id: 3, order_count: 0}
        """,
]

@Test(arguments: WarehouseKind.allCases)
func unitTestsCompareTheModelsRowsWithTheExpectedOnes(_ kind: WarehouseKind) throws {
    let h = try RunHarness(kind, unitTestProject)
    try h.runOK(.seed)
    try h.runOK(.run)
    let report = try h.run(.test)
    #expect(report.status("ut_dict") == .pass, "\(report.summary)")
    #expect(report.status("ut_csv_and_sql") == .pass, "\(report.summary)")
    #expect(report.status("ut_incremental") == .pass, "\(report.summary)")
    let failing = try #require(report.result("ut_failing"))
    #expect(failing.status == .fail)
    #expect(failing.failures == 1)
    let message = failing.message ?? ""
    #expect(message.hasPrefix("\n\nactual differs from expected:\n\n@@,customer_id,order_count\r\n"), "\(message)")
    #expect(message.contains("→ ,1          ,99→1"), "\(message)")
    // the tests only read: nothing was created for them
    #expect(report.results.allSatisfy { $0.relationName == nil })
    // the model with its fixture CTEs is the compiled code, and goes where dbt writes it
    let compiledPath = "target/compiled/shop/models/unit_tests.yml/models/ut_dict.sql"
    let dict = try #require(report.result("ut_dict"))
    #expect(dict.compiledPath == compiledPath)
    let compiled = try String(contentsOfFile: h.root + "/" + compiledPath, encoding: .utf8)
    #expect(compiled == dict.compiledCode)
    #expect(compiled.hasPrefix("with  __dbt__cte__stg_customers as (\n\n-- Fixture for stg_customers\nselect \n"), "\(compiled)")
    #expect(compiled.contains("select * from __dbt__cte__stg_customers"))
    #expect(FileManager.default.fileExists(atPath: h.root + "/target/run/shop/models/unit_tests.yml/models/ut_dict.sql"))
    // each fixture also goes to its own file, as dbt writes them
    #expect(FileManager.default.fileExists(atPath: h.root + "/target/compiled/shop/models/unit_tests.yml/stg_customers.sql"))
    // a sql fixture is used as written, without its trailing newline, as dbt does
    let sqlInput = try #require(report.result("ut_csv_and_sql")?.compiledCode)
    #expect(sqlInput.contains("),  __dbt__cte__stg_orders as (\nselect 10 as id, 1 as customer_id, 5.5 as amount\nunion all\n"
                              + "select 11 as id, 1 as customer_id, 7.25 as amount\n), customers as ("), "\(sqlInput)")
    if kind == .postgres {
        // typed from the real relations' columns, as dbt does
        #expect(compiled.contains("cast('alice@example.com' as text)\n as \"email\""), "\(compiled)")
        #expect(compiled.contains("cast(null as date) as \"created_at\""), "\(compiled)")
    }
}

@Test(arguments: WarehouseKind.allCases)
func aFailingUnitTestKeepsItsModelAndWhatFollowsFromBuilding(_ kind: WarehouseKind) throws {
    let h = try RunHarness(kind, unitTestProject)
    let report = try h.run(.build)
    #expect(report.status("ut_dict") == .pass, "\(report.summary)")
    #expect(report.status("ut_failing") == .fail)
    #expect(report.status("dim_customers") == .skipped)
    #expect(report.status("downstream") == .skipped)
    #expect(report.status("stg_orders") == .success)
    // unit tests run after the model's parents and before the model
    let order = report.startOrder
    let firstUnitTest = try #require(order.firstIndex(of: "ut_dict"))
    #expect(try #require(order.firstIndex(of: "stg_customers")) < firstUnitTest)
    #expect(try #require(order.firstIndex(of: "stg_orders")) < firstUnitTest)
    // as in dbt, an `input: this` test of an incremental model that was never built cannot be typed
    let incremental = try #require(report.result("ut_incremental"))
    #expect(incremental.status == .error)
    #expect(incremental.message?.contains("Not able to get columns for unit test 'fct_orders_incr' from relation") == true,
            "\(incremental.message ?? "")")
    #expect(incremental.message?.contains("because the relation doesn't exist") == true)
    #expect(report.status("fct_orders_incr") == .skipped)
    // unit tests run in build only with their model
    let alone = try h.run(.build, select: ["test_type:unit"])
    #expect(alone.results.isEmpty, "\(alone.summary)")
}

@Test func unitTestDefinitionErrorsShowWhenTheTestRuns() throws {
    var files = unitTestProject
    files["models/unit_tests.yml"] = """
        version: 2
        unit_tests:
          - name: bad_input
            model: stg_orders
            given: [{input: raw_orders, rows: []}]
            expect: {rows: []}
          - name: missing_given
            model: dim_customers
            given: [{input: "ref('stg_customers')", rows: []}]
            expect: {rows: []}
          - name: unknown_ref
            model: stg_orders
            given: [{input: "ref('nope')", rows: []}]
            expect: {rows: []}
          - name: bad_fixture_column
            model: stg_orders
            given: [{input: "ref('raw_orders')", rows: [{bogus: 1}]}]
            expect: {rows: []}
          - name: bad_expect_column
            model: stg_orders
            given: [{input: "ref('raw_orders')", rows: [{id: 1}]}]
            expect: {rows: [{nope: 1}]}
          - name: unused_input_is_ignored
            model: stg_orders
            given:
              - {input: "ref('raw_orders')", rows: [{id: 1}]}
              - {input: "ref('raw_customers')", rows: [{id: 5}]}
            expect: {rows: [{id: 1}]}
          - name: ragged_expect
            model: stg_orders
            given: [{input: "ref('raw_orders')", rows: [{id: 1, amount: 5}, {id: 2}]}]
            expect: {rows: [{id: 1, amount: 5}, {id: 2}]}
        """
    let h = try RunHarness(.sqlite, files)
    try h.runOK(.seed)
    try h.runOK(.run)
    let r = try h.run(.test)
    func message(_ name: String) -> String { r.result(name)?.message ?? "" }
    #expect(r.status("bad_input") == .error)
    #expect(message("bad_input").hasSuffix("Unit test given inputs must be either a 'ref', 'source' or 'this' call. Got: 'raw_orders'."))
    #expect(r.status("missing_given") == .error)
    #expect(message("missing_given").hasSuffix(
        "Unit_Test 'unit_test.shop.dim_customers.missing_given' (models/unit_tests.yml) depends on a node named 'stg_orders' which was not found"),
        "\(message("missing_given"))")
    #expect(message("unknown_ref").hasSuffix("Unit test 'unknown_ref' had an input (ref('nope')) which was not found in the manifest."))
    #expect(message("bad_fixture_column").contains(
        "Invalid column name: 'bogus' in unit test fixture for 'raw_orders'.\n  Accepted columns for 'raw_orders' are: ['id', 'customer_id', 'amount']"),
        "\(message("bad_fixture_column"))")
    #expect(message("bad_expect_column").hasPrefix("Runtime Error in unit_test bad_expect_column (models/unit_tests.yml)\n"
                                                   + "  An error occurred during execution of unit test 'bad_expect_column'."))
    // as dbt's: an errored unit test reports its definition, with no compiled code or path
    #expect(r.result("bad_expect_column")?.compiledCode == nil)
    #expect(r.result("bad_expect_column")?.compiledPath == nil)
    #expect(message("bad_expect_column").contains("Invalid column name: 'nope' in unit test fixture for expected output."))
    #expect(r.status("unused_input_is_ignored") == .pass, "\(r.summary)")
    // dbt unions each expected row's own keys: a row leaving one out is an error, not a pass
    #expect(r.status("ragged_expect") == .error)
    #expect(message("ragged_expect").contains("Expected row 2 leaves out 'amount', which the first expected row names."), "\(message("ragged_expect"))")
}

@Test func fixtureSQLIsSpelledAsDbtSpellsIt() throws {
    let columns = [WarehouseColumn(name: "id", dataType: "integer"), WarehouseColumn(name: "email", dataType: "character varying(20)"),
                   WarehouseColumn(name: "amount", dataType: "numeric(10,2)")]
    let rows = [JSONObject([("id", .int(1)), ("email", .string("o'neil")), ("amount", .double(12.75))]),
                JSONObject([("ID", .int(2))])]
    let sql = try UnitTestSQL.fixture(rows, columns: columns, name: "payments", dialect: .postgres)
    let given = "\n    \n    "
    #expect(sql == "\n-- Fixture for payments\nselect " + given + "cast(1 as integer)\n as \"id\", " + given
            + "cast('o''neil' as character varying)\n as \"email\", " + given + "cast(12.75 as numeric(10,2))\n as \"amount\""
            + "\nunion all\nselect " + given + "cast(2 as integer)\n as \"id\", cast(null as character varying(20)) as \"email\", "
            + "cast(null as numeric(10,2)) as \"amount\"")
    let empty = try UnitTestSQL.fixture([], columns: columns, name: "payments", dialect: .postgres)
    #expect(empty.hasSuffix("cast(null as numeric(10,2)) as \"amount\"\n    limit 0"))
    #expect(throws: UnitTestSQL.DefinitionError.self) {
        try UnitTestSQL.fixture([JSONObject([("bogus", .int(1))])], columns: columns, name: "payments", dialect: .postgres)
    }
    // SQLite's column types are affinities: a date stays text, a number given as text is cast
    #expect(UnitTestSQL.cast(.string("2024-01-01"), type: "date", dialect: .sqlite) == "'2024-01-01'")
    #expect(UnitTestSQL.cast(.string("5"), type: "integer", dialect: .sqlite) == "cast('5' as integer)")
    #expect(UnitTestSQL.cast(.bool(true), type: "", dialect: .sqlite) == "True")
    #expect(UnitTestSQL.cast(.double(10), type: "numeric", dialect: .postgres) == "cast(10.0 as numeric)")
    // an untyped (expression) column on SQLite reads numbers and booleans given as text as such
    #expect(UnitTestSQL.cast(.string("10.00"), type: "", dialect: .sqlite) == "cast('10.00' as numeric)")
    #expect(UnitTestSQL.cast(.string("true"), type: "", dialect: .sqlite) == "True")
    #expect(UnitTestSQL.cast(.string("01234x"), type: "", dialect: .sqlite) == "'01234x'")
    #expect(UnitTestSQL.cast(.string("10.00"), type: "", dialect: .postgres) == "'10.00'")
    // SQLite numbers compare by value; text stays text; PostgreSQL booleans read as dbt prints them
    #expect(UnitTestSQL.cell(.double(10), isBoolean: false, dialect: .sqlite) == "10")
    #expect(UnitTestSQL.cell(.text("01234"), isBoolean: false, dialect: .sqlite) == "01234")
    #expect(UnitTestSQL.cell(.text("true"), isBoolean: true, dialect: .postgres) == "True")
    #expect(UnitTestSQL.cell(.text("10.00"), isBoolean: false, dialect: .postgres) == "10.00")
}

@Test func postgresCellsCompareAsItsTextWithTypeModifiers() throws {
    let h = try RunHarness(.postgres, [
        "seeds/raw.csv": "id,amount,code\n1,10,abc\n",
        "models/typed.sql": """
            select id, cast(amount as numeric(10,2)) as amount, cast(code as char(3)) as code,
                   id > 0 as positive
            from {{ ref('raw') }}
            -- a trailing comment must not swallow what flowc wraps around the model
            """,
        "models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: modifiers_are_kept
                model: typed
                given: [{input: "ref('raw')", rows: [{id: 1, amount: 10, code: abc}]}]
                expect: {rows: [{id: 1, amount: 10, code: abc, positive: true}]}
              - name: scale_is_text
                model: typed
                given: [{input: "ref('raw')", rows: [{id: 1, amount: 10, code: abc}]}]
                expect:
                  format: sql
                  rows: select 1 as id, 10 as amount, 'abc' as code, true as positive
            """,
    ])
    try h.runOK(.seed)
    try h.runOK(.run)
    let r = try h.run(.test)
    // expected values are cast to numeric(10,2) and char(3), so 10 reads 10.00 like the model's
    #expect(r.status("modifiers_are_kept") == .pass, "\(r.summary)")
    // a query's 10 is not the model's 10.00: cells compare as text, as in dbt
    let scale = try #require(r.result("scale_is_text"))
    #expect(scale.status == .fail, "\(r.summary)")
    #expect(scale.message?.contains("10→10.00") == true, "\(scale.message ?? "")")
}


@Test func macroOverridesReachTheMacrosTheModelCalls() throws {
    let h = try RunHarness(.sqlite, [
        "seeds/raw.csv": "id\n1\n",
        "macros/labels.sql": """
            {% macro label() %}{{ source_label() }}{% endmacro %}
            {% macro source_label() %}'real'{% endmacro %}
            """,
        "models/labelled.sql": "select id, {{ label() }} as label, {{ source_label() }} as direct from {{ ref('raw') }}",
        "models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: overridden
                model: labelled
                overrides: {macros: {source_label: "'fake'"}}
                given: [{input: "ref('raw')", rows: [{id: 1}]}]
                expect: {rows: [{id: 1, label: fake, direct: fake}]}
            """,
    ])
    // one thread: the unit test renders right before its model, on the same worker
    let r = try h.runOK(.build, threads: 1)
    #expect(r.status("overridden") == .pass, "\(r.summary)")
    #expect(r.startOrder.firstIndex(of: "overridden") ?? 99 < r.startOrder.firstIndex(of: "labelled") ?? 0)
    // the override ended with the unit test: the model itself builds with the real macro
    #expect(try h.column("select label from main.labelled") == ["real"])
}

/// `overrides: macros:` with a package-qualified name replaces the macro as `pkg.name(…)`
/// reaches it, for a package's and the root project's namespace (dbt-audit-helper's unit tests
/// override `audit_helper._get_comparison_bounds` so; dbt 1.11 passes both).
@Test func namespacedMacroOverridesReachQualifiedCalls() throws {
    let h = try RunHarness(.sqlite, [
        "dbt_packages/mypkg/dbt_project.yml": "name: mypkg\nversion: '1.0'\n",
        "dbt_packages/mypkg/macros/m.sql": """
            {% macro _bounds() %}{% if execute %}{% do exceptions.raise_compiler_error("real _bounds called") %}{% endif %}{{ return(0) }}{% endmacro %}
            {% macro filtered(q) %}{% set b = mypkg._bounds() %}select * from ({{ q }}) s where id >= {{ b }}{% endmacro %}
            """,
        "macros/own.sql": "{% macro floor_id() %}{% if execute %}{% do exceptions.raise_compiler_error('real floor_id') %}{% endif %}{{ return(0) }}{% endmacro %}",
        "models/src.sql": "select 1 as id union all select 2",
        "models/m.sql": "{{ mypkg.filtered('select * from ' ~ ref('src')) }}",
        "models/n.sql": "select * from {{ ref('src') }} where id >= {{ shop.floor_id() }}",
        "models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: t_package
                model: m
                overrides: {macros: {mypkg._bounds: 2}}
                given: [{input: "ref('src')", rows: [{id: 1}, {id: 2}]}]
                expect: {rows: [{id: 2}]}
              - name: t_root
                model: n
                overrides: {macros: {shop.floor_id: 2}}
                given: [{input: "ref('src')", rows: [{id: 1}, {id: 2}]}]
                expect: {rows: [{id: 2}]}
            """,
    ])
    try h.runOK(.run, select: ["src"])
    let r = try h.run(.test)
    #expect(r.status("t_package") == .pass, "\(r.summary)")
    #expect(r.status("t_root") == .pass, "\(r.summary)")
}

/// `format: sql` fixtures (a file under tests/fixtures, or `rows:` text) and expectations are
/// templates, rendered as dbt renders them (dbt 1.11 passes both tests).
@Test func sqlFixturesRenderTheirJinja() throws {
    let h = try RunHarness(.sqlite, [
        "models/src.sql": "select 1 as id",
        "models/m.sql": "select id from {{ ref('src') }}",
        "tests/fixtures/src_rows.sql": "select {{ 1 + 1 }} as id",
        "models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: t_file
                model: m
                given: [{input: "ref('src')", format: sql, fixture: src_rows}]
                expect: {rows: [{id: 2}]}
              - name: t_inline
                model: m
                given: [{input: "ref('src')", format: sql, rows: "select {{ 1 + 2 }} as id"}]
                expect: {format: sql, rows: "select {{ [3] | first }} as id"}
            """,
    ])
    try h.runOK(.run, select: ["src"])
    let r = try h.run(.test)
    #expect(r.status("t_file") == .pass, "\(r.summary)")
    #expect(r.status("t_inline") == .pass, "\(r.summary)")
}

/// A unit test's config tags render their Jinja, as dbt's do (dbt-audit-helper skips tests per
/// warehouse so: `tags: "{{ 'skip' if target.type == 'postgres' else 'runnable' }}"`).
@Test func unitTestTagsRenderTheirJinja() throws {
    let h = try RunHarness(.sqlite, [
        "models/m.sql": "select 1 as id",
        "models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: t_tagged
                model: m
                config:
                  tags: "{{ 'skip' if target.type == 'sqlite' else 'runnable' }}"
                given: []
                expect: {rows: [{id: 1}]}
              - name: t_listed
                model: m
                config:
                  tags: ["{{ target.type }}_only", plain]
                given: []
                expect: {rows: [{id: 1}]}
            """,
    ])
    let (build, _, _) = try h.load()
    let tags = { (name: String) in build.manifest.unitTests.values.first { $0.name == name }?.config["tags"] }
    #expect(tags("t_tagged") == .array([.string("skip")]))
    #expect(tags("t_listed") == .array([.string("sqlite_only"), .string("plain")]))
}

/// A float column's cells show as Python prints the floats dbt reads: `11.0→10.0`, where
/// PostgreSQL prints 11 and 10 (dbt 1.11's table, checked with dbt-postgres).
@Test func floatCellsPrintAsDbtShowsThem() throws {
    let h = try RunHarness(.postgres, [
        "models/doubled.sql": "select 1 as id, 5::float8 * 2 as amount2",
        "models/unit.yml": """
            version: 2
            unit_tests:
              - name: ut_float
                model: doubled
                given: []
                expect:
                  rows: [{id: 1, amount2: 11}]
            """,
    ])
    let report = try h.run(.test)
    let failing = try #require(report.result("ut_float"))
    #expect(failing.status == .fail)
    #expect((failing.message ?? "").contains("@@,id,amount2\r\n→ ,1 ,11.0→10.0\r\n"), "\(failing.message ?? "")")
    #expect(UnitTestSQL.pythonFloat("-3") == "-3.0" && UnitTestSQL.pythonFloat("1e+20") == "1e+20"
            && UnitTestSQL.pythonFloat("Infinity") == "inf" && UnitTestSQL.pythonFloat("2.5") == "2.5")
}

/// dbt build skips what is below a failed unit test's model in the project's graph, where the
/// model's other unit tests sit too: those not yet run are skipped (checked with dbt 1.11.16);
/// `test` runs them all.
@Test func aFailingUnitTestSkipsItsModelsOtherUnitTestsInBuild() throws {
    let h = try RunHarness(.sqlite, [
        "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
        "models/base.sql": "select 1 as id",
        "models/m.sql": "select id * 2 as doubled from {{ ref('base') }}",
        "models/unit.yml": """
            unit_tests:
              - name: a_ok
                model: m
                given: [{input: ref('base'), rows: [{id: 1}]}]
                expect: {rows: [{doubled: 2}]}
              - name: b_fails
                model: m
                given: [{input: ref('base'), rows: [{id: 1}]}]
                expect: {rows: [{doubled: 3}]}
              - name: c_ok
                model: m
                given: [{input: ref('base'), rows: [{id: 2}]}]
                expect: {rows: [{doubled: 4}]}
            """,
    ])
    let build = try h.run(.build, threads: 1)
    #expect(build.status("a_ok") == .pass, "\(build.summary)")
    #expect(build.status("b_fails") == .fail)
    #expect(build.status("c_ok") == .skipped)
    #expect(build.result("c_ok")?.status == .skipped)
    // dbt's SkipResult has no message
    #expect(build.result("c_ok")?.message == nil)
    #expect(build.status("m") == .skipped)
    let test = try h.run(.test, threads: 1)
    #expect(test.status("c_ok") == .pass, "\(test.summary)")
}

/// dbt's unit-test context: `this` is None without a `this` input and the input's CTE name (a
/// plain string, so `.identifier` is empty) with one; a macro override reaches `dbt.<macro>()`
/// too. These tests, written for dbt 1.11, pass there.
@Test(arguments: [WarehouseKind.sqlite])
func unitTestsSeeThisAndOverriddenMacrosAsDbt(_ kind: WarehouseKind) throws {
    let h = try RunHarness(kind, [
        "models/base.sql": "select 1 as id",
        "models/audit.sql": "select id, '{{ this }}' as rel, '{{ this.identifier }}' as ident from {{ ref('base') }}",
        "models/inc.sql": """
            {{ config(materialized='incremental') }}
            select id, '{{ this.identifier }}' as ident from {{ ref('base') }}
            {% if is_incremental() %} where id > (select max(id) from {{ this }}) {% endif %}
            """,
        "models/clock.sql": "select {{ current_timestamp() }} as a, {{ dbt.current_timestamp() }} as b",
        "models/unit.yml": """
            unit_tests:
              - name: ut_audit
                model: audit
                given: [{input: ref('base'), rows: [{id: 1}]}]
                expect: {rows: [{id: 1, rel: "None", ident: ""}]}
              - name: ut_inc
                model: inc
                overrides: {macros: {is_incremental: true}}
                given:
                  - {input: ref('base'), rows: [{id: 1}, {id: 3}]}
                  - {input: this, rows: [{id: 2}]}
                expect: {rows: [{id: 3, ident: ""}]}
              - name: ut_clock
                model: clock
                overrides: {macros: {current_timestamp: "'2024-01-01'"}}
                given: []
                expect: {rows: [{a: '2024-01-01', b: '2024-01-01'}]}
            """,
    ])
    try h.runOK(.run)
    let report = try h.run(.test)
    for name in ["ut_audit", "ut_inc", "ut_clock"] {
        #expect(report.status(name) == .pass, "\(name): \(report.summary)")
    }
}

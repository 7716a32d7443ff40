// dbt unit tests at parse time: what the manifest holds for them (ids, fqn, versions, rows as
// normalised per format, fixture files, the model edge) and every definition error dbt reports
// at parse time, with its place.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Testing

private func project(_ files: [String: String]) throws -> TestProject {
    var all = files
    all["flowc.yml"] = all["flowc.yml"] ?? minimalProjectFile
    all["profiles.yml"] = sqliteProfile
    all["models/stg_orders.sql"] = all["models/stg_orders.sql"] ?? "select 1 as id, 2 as amount"
    all["models/orders.sql"] = all["models/orders.sql"] ?? "select id, amount from {{ ref('stg_orders') }}"
    return try TestProject(all)
}

private func unitTests(_ yaml: String, _ extra: [String: String] = [:]) throws -> (Manifest, TestProject) {
    var files = extra
    files["models/unit_tests.yml"] = "version: 2\nunit_tests:\n" + yaml
    let p = try project(files)
    return (try p.build().manifest, p)
}

@Test func unitTestsAreNodesOfTheManifestDependingOnTheirModel() throws {
    let (m, p) = try unitTests("""
          - name: doubles
            description: checks the amounts
            model: orders
            config: {tags: nightly, meta: {owner: data}}
            given:
              - input: ref('stg_orders')
                rows:
                  - {id: 1, amount: null}
                  - {id: 2, amount: 5}
            expect:
              rows: [{id: 1}]
        """, ["models/staging/more.yml": """
            version: 2
            unit_tests:
              - name: csv_one
                model: stg_orders
                given: []
                expect:
                  format: csv
                  rows: |
                    id,amount
                    1,
            """])
    defer { p.remove() }
    let u = try #require(m.unitTests["unit_test.shop.orders.doubles"])
    #expect(u.resourceType == .unitTest)
    #expect(u.dependsOnNodes == ["model.shop.orders"])
    #expect(u.fqn == ["shop", "orders", "doubles"])
    #expect(u.originalFilePath == "models/unit_tests.yml")
    #expect(u.path == "unit_tests.yml")
    #expect(u.description == "checks the amounts")
    #expect(u.tags == ["nightly"])
    #expect(u.config["meta"] == .object(JSONObject([("owner", .string("data"))])))
    #expect(m.nodes["unit_test.shop.orders.doubles"] == nil, "unit tests are not nodes")
    #expect(m.childMap["model.shop.orders"]?.contains("unit_test.shop.orders.doubles") == true)
    #expect(m.parentMap["unit_test.shop.orders.doubles"] == ["model.shop.orders"])
    // the first row without nulls moves to the front, as dbt stores it
    let rows = try #require(u.unitTest?.given.first?.rows)
    #expect(rows.first?["id"] == .int(2))
    #expect(rows.last?["amount"] == .null)
    // csv rows are strings, empty cells null; the fqn has the folders below the model path
    let c = try #require(m.unitTests["unit_test.shop.stg_orders.csv_one"])
    #expect(c.fqn == ["shop", "staging", "stg_orders", "csv_one"])
    #expect(c.unitTest?.expect.rows.first?["id"] == .string("1"))
    #expect(c.unitTest?.expect.rows.first?["amount"] == .null)
    // selection sees them as children of their model, with test_type unit
    let graph = m.selectionGraph
    #expect(try NodeSelection.select(graph, select: ["test_type:unit"], exclude: nil).sorted()
            == ["unit_test.shop.orders.doubles", "unit_test.shop.stg_orders.csv_one"])
    #expect(try NodeSelection.select(graph, select: ["tag:nightly"], exclude: nil) == ["unit_test.shop.orders.doubles"])
    // `unit_test:<package>.<name>` as `flowc ls` prints them, and test_name: as in dbt
    #expect(try NodeSelection.select(graph, select: ["unit_test:shop.doubles"], exclude: nil) == ["unit_test.shop.orders.doubles"])
    #expect(try NodeSelection.select(graph, select: ["unit_test:*.csv_*"], exclude: nil) == ["unit_test.shop.stg_orders.csv_one"])
    #expect(try NodeSelection.select(graph, select: ["test_name:doub*"], exclude: nil) == ["unit_test.shop.orders.doubles"])
    #expect(try NodeSelection.select(graph, select: ["orders+"], exclude: nil).sorted()
            == ["model.shop.orders", "unit_test.shop.orders.doubles"])
}

@Test func fixtureFilesAreReadAndAreNotSingularTests() throws {
    let (m, p) = try unitTests("""
          - name: from_files
            model: orders
            given:
              - input: ref('stg_orders')
                format: csv
                fixture: orders_rows
            expect:
              format: sql
              fixture: expected_rows
        """, ["tests/fixtures/orders_rows.csv": "id,amount\n1,5\n",
              "tests/fixtures/expected_rows.sql": "select 1 as id, 5 as amount"])
    defer { p.remove() }
    let u = try #require(m.unitTests["unit_test.shop.orders.from_files"]?.unitTest)
    #expect(u.given.first?.fixture == "orders_rows")
    #expect(u.given.first?.rows.first?["amount"] == .string("5"))
    #expect(u.expect.sql == "select 1 as id, 5 as amount")
    #expect(!m.nodes.values.contains { $0.resourceType == .test }, "a fixture .sql is not a singular test")
}

@Test func aSeedInputWithoutRowsTakesTheSeedFile() throws {
    let (m, p) = try unitTests("""
          - name: from_seed
            model: from_seed_model
            given:
              - input: ref('raw_orders')
            expect: {rows: []}
        """, ["seeds/raw_orders.csv": "id,amount\n1,5\n2,\n",
              "models/from_seed_model.sql": "select * from {{ ref('raw_orders') }}"])
    defer { p.remove() }
    let rows = try #require(m.unitTests["unit_test.shop.from_seed_model.from_seed"]?.unitTest?.given.first?.rows)
    #expect(rows.count == 2)
    #expect(rows[0]["id"] == .string("1"))
}

@Test func versionedModelsGetOneUnitTestPerVersion() throws {
    let (m, p) = try unitTests("""
          - name: every_version
            model: summary
            given: []
            expect: {rows: []}
          - name: only_two
            model: summary
            versions: {include: [2]}
            given: []
            expect: {rows: []}
        """, ["models/summary.sql": "select 1 as id", "models/summary_v2.sql": "select 2 as id",
              "models/versions.yml": """
                version: 2
                models:
                  - name: summary
                    latest_version: 2
                    versions:
                      - v: 1
                        defined_in: summary
                      - v: 2
                        defined_in: summary_v2
                """])
    defer { p.remove() }
    #expect(m.unitTests.keys.sorted() == ["unit_test.shop.summary.every_version_v1", "unit_test.shop.summary.every_version_v2",
                                          "unit_test.shop.summary.only_two_v2"])
    let two = try #require(m.unitTests["unit_test.shop.summary.only_two_v2"])
    #expect(two.name == "only_two" && two.version == "2" && two.dependsOnNodes == ["model.shop.summary.v2"])
    #expect(two.fqn == ["shop", "summary", "only_two"])
}

@Test func disabledUnitTestsAndThoseOfDisabledModelsAreSetAside() throws {
    let (m, p) = try unitTests("""
          - name: switched_off
            model: orders
            config: {enabled: false}
            given: []
            expect: {rows: []}
          - name: of_disabled_model
            model: gone
            given: []
            expect: {rows: []}
        """, ["models/gone.sql": "{{ config(enabled=false) }} select 1 as id"])
    defer { p.remove() }
    #expect(m.unitTests.isEmpty)
    #expect(m.disabled["unit_test.shop.orders.switched_off"] != nil)
    #expect(m.disabled["unit_test.shop.gone.of_disabled_model"] != nil)
}

/// The one error a project with this unit test YAML reports.
private func unitTestError(_ yaml: String, _ extra: [String: String] = [:],
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
    var files = extra
    files["models/unit_tests.yml"] = "version: 2\nunit_tests:\n" + yaml
    let p = try project(files)
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
    return try #require(errors.first, sourceLocation: sourceLocation)
}

@Test func definitionErrorsAreReportedAtTheirPlace() throws {
    let noModel = try unitTestError("""
          - name: t
            model: ordrs
            given: []
            expect: {rows: []}
        """)
    #expect(noModel.message == "Unable to find model 'shop.ordrs' for unit test 't'")
    #expect(noModel.hint == "did you mean 'orders'?")
    #expect(noModel.span == SourceSpan(file: "models/unit_tests.yml", line: 4, column: 12))

    let unknownKey = try unitTestError("""
          - name: t
            model: orders
            givens: []
            expect: {rows: []}
        """)
    #expect(unknownKey.message == "unit test 't' has an unknown key 'givens'")
    #expect(unknownKey.hint == "did you mean 'given'?")
    #expect(unknownKey.span == SourceSpan(file: "models/unit_tests.yml", line: 5, column: 5))

    let format = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
                format: json
                rows: []
            expect: {rows: []}
        """)
    #expect(format.message == "'json' is not one of ['csv', 'dict', 'sql'] (unit test 't')")
    #expect(format.span?.line == 7)

    let dictText = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
                rows: "id\\n1"
            expect: {rows: []}
        """)
    #expect(dictText.message == "unit test 't' has input rows which do not match format dict")

    let csvList = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
                format: csv
                rows: [{id: 1}]
            expect: {rows: []}
        """)
    #expect(csvList.message == "unit test 't' has input rows or fixtures which do not match format csv.  Expected string.")

    let missingFixture = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
                format: csv
                fixture: nowhere
            expect: {rows: []}
        """)
    #expect(missingFixture.message == "File not found for fixture 'nowhere' in unit tests in models/unit_tests.yml")
    #expect(missingFixture.hint == "put it at <test-path>/fixtures/nowhere.csv")

    let notASeed = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
            expect: {rows: []}
        """)
    #expect(notASeed.message == "Unable to find seed 'shop.stg_orders' for unit tests in directories: ['seeds']")

    let both = try unitTestError("""
          - name: t
            model: summary
            versions: {include: [1], exclude: [2]}
            given: []
            expect: {rows: []}
        """)
    #expect(both.message == "unit test 't' can not both include and exclude versions")

    let unversioned = try unitTestError("""
          - name: t
            model: orders
            versions: {include: [1]}
            given: []
            expect: {rows: []}
        """)
    #expect(unversioned.message
            == "unit test 't' should not have a versions include or exclude when referencing non-versioned model 'orders'")

    let duplicate = try unitTestError("""
          - name: t
            model: orders
            given: []
            expect: {rows: []}
          - name: t
            model: orders
            given: []
            expect: {rows: []}
        """)
    #expect(duplicate.message == "dbt found two unit_tests with the name \"t\"")
    #expect(duplicate.span?.line == 7)
}

@Test func incrementalModelsNeedTheIsIncrementalOverride() throws {
    let incremental = ["models/incr.sql": "{{ config(materialized='incremental') }} select * from {{ ref('stg_orders') }}"]
    let none = try unitTestError("""
          - name: t
            model: incr
            given: [{input: "ref('stg_orders')", rows: []}]
            expect: {rows: []}
        """, incremental)
    #expect(none.message == "Boolean override for 'is_incremental' must be provided for unit test 't' in model 'incr'")
    let noThis = try unitTestError("""
          - name: t
            model: incr
            overrides: {macros: {is_incremental: true}}
            given: [{input: "ref('stg_orders')", rows: []}]
            expect: {rows: []}
        """, incremental)
    #expect(noThis.message == "unit test 't' for incremental model 'incr' must have a 'this' input")
    let badOverride = try unitTestError("""
          - name: t
            model: incr
            overrides: {macro: {is_incremental: true}}
            given: [{input: "ref('stg_orders')", rows: []}]
            expect: {rows: []}
        """, incremental)
    #expect(badOverride.message == "'overrides' of unit test 't' has an unknown key 'macro'")
    #expect(badOverride.hint == "did you mean 'macros'?")
}

@Test func unitTestInputsAreReadWithoutTheTemplateEngine() {
    #expect(RelationReference.parse("this") == .this)
    #expect(RelationReference.parse("ref('orders')") == .ref(RefCall(name: "orders", package: nil, version: nil)))
    #expect(RelationReference.parse(" ref(\"pkg\", 'orders', v=2) ") == .ref(RefCall(name: "orders", package: "pkg", version: "2")))
    #expect(RelationReference.parse("source('raw', 'payments')") == .source("raw", "payments"))
    #expect(RelationReference.parse("raw_customers") == nil)
    #expect(RelationReference.parse("ref(orders)") == nil)
    #expect(RelationReference.parse("source('raw')") == nil)
    #expect(RelationReference.parse("ref('a', 'b', 'c')") == nil)
}

@Test func fixtureCTEsGoAfterWithRecursive() {
    let cte = " __dbt__cte__a as (\nselect 1\n)"
    #expect(CTEInjection.inject([cte], into: "with recursive t as (select 1) select * from t")
            == "with recursive  __dbt__cte__a as (\nselect 1\n), t as (select 1) select * from t")
    #expect(CTEInjection.inject([cte], into: "with recursive_things as (select 1) select * from recursive_things")
            == "with  __dbt__cte__a as (\nselect 1\n), recursive_things as (select 1) select * from recursive_things")
}

/// What dbt-core 1.11.16's inject_ctes_into_sql returned for these (sqlparse keeps the
/// whitespace after `with` before the injected CTEs; dbt-labs/jaffle-shop's models start so).
@Test func ctesGoWhereDbtsInjectionPutsThem() {
    let cte = " __dbt__cte__x as (\nselect 1\n)"
    #expect(CTEInjection.inject([cte], into: "with\n\nsource as (\nselect 1\n)\nselect * from source")
            == "with\n\n __dbt__cte__x as (\nselect 1\n), source as (\nselect 1\n)\nselect * from source")
    #expect(CTEInjection.inject([cte], into: "\nwith\n\nsource as (select 1) select 2")
            == "\nwith\n\n __dbt__cte__x as (\nselect 1\n), source as (select 1) select 2")
    #expect(CTEInjection.inject([cte], into: "with orders as (select 1) select * from orders")
            == "with  __dbt__cte__x as (\nselect 1\n), orders as (select 1) select * from orders")
    #expect(CTEInjection.inject([cte], into: "select 1") == "with __dbt__cte__x as (\nselect 1\n) select 1")
}

@Test func malformedFixturesAreErrorsAtTheirPlace() throws {
    let noRows = try unitTestError("""
          - name: t
            model: orders
            given:
              - input: ref('stg_orders')
                format: csv
            expect: {rows: []}
        """)
    #expect(noRows.message == "unit test 't' has an input ref('stg_orders') in format csv without rows")
    #expect(noRows.span?.line == 6)
    let noExpect = try unitTestError("""
          - name: t
            model: orders
            given: [{input: "ref('stg_orders')", rows: []}]
            expect: {format: dict}
        """)
    #expect(noExpect.message == "unit test 't' has an 'expect' without rows")
    let slash = try unitTestError("""
          - name: ../escape
            model: orders
            given: []
            expect: {rows: []}
        """)
    #expect(slash.message == "unit test '../escape': a unit test's name cannot contain '/' or '\\' or start with '.'")
    let scalarVersions = try unitTestError("""
          - name: t
            model: orders
            versions: {include: 2}
            given: []
            expect: {rows: []}
        """)
    #expect(scalarVersions.message == "'versions.include' of unit test 't' must be a list of versions")
}

/// The checksum state:modified compares, as dbt-core 1.11.16 computed it for the same
/// definitions (Python's text of the fixtures, overrides and versions, hashed).
@Test func unitTestChecksumsAreDbts() throws {
    let (m, p) = try unitTests("""
          - name: totals_sum
            model: totals
            given:
              - input: ref('orders')
                rows:
                  - {customer_id: 10, amount: 5}
                  - {customer_id: 10, amount: 2}
                  - {customer_id: 11, amount: 1.5}
            expect:
              rows:
                - {customer_id: 10, total: 7, n: 2}
                - {customer_id: 11, total: 1.5, n: 1}
          - name: totals_csv
            model: totals
            overrides:
              vars: {x: 1, 'y': "it's"}
              macros: {is_incremental: false}
            given:
              - input: ref('orders')
                format: csv
                rows: |
                  customer_id,amount
                  10,
                  11,1.5
            expect:
              format: sql
              rows: |
                select 11 as customer_id, 1.5 as total, 1 as n
                union all select 10, null, 1
        """, ["models/totals.sql": "select customer_id, sum(amount) as total, count(*) as n from {{ ref('orders') }} group by 1",
              "models/orders.sql": "select 1 as customer_id, 2 as amount"])
    defer { p.remove() }
    #expect(m.unitTests["unit_test.shop.totals.totals_sum"]?.checksum == "8c9d522251313aadc71a3d9a9296bd400e7b28f17e9a37672b467b65580e9a3c")
    #expect(m.unitTests["unit_test.shop.totals.totals_csv"]?.checksum == "c9b92ec03ce9ff585c89580230c581f6073995781911039095248cf1177c6076")
}

/// The project file's `unit_tests:` folder configs, as dbt 1.11 applied them to this project:
/// tags before the test's own, meta merged under its own, `enabled` unless the test says.
@Test func projectFileUnitTestConfigsApplyAlongTheFqn() throws {
    let (m, p) = try unitTests("""
          - name: t1
            model: orders
            config: {tags: [own], meta: {keep: own}}
            given: []
            expect: {rows: [{id: 1}]}
        """, [
        "flowc.yml": minimalProjectFile + """

            unit_tests:
              shop:
                +tags: [proj]
                +meta: {team: a, keep: p}
                staging:
                  +enabled: false
            """,
        "models/staging/more.yml": """
            unit_tests:
              - {name: t2, model: stg_orders, given: [], expect: {rows: [{id: 1}]}}
              - {name: t3, model: stg_orders, config: {enabled: true}, given: [], expect: {rows: [{id: 1}]}}
            """,
    ])
    defer { p.remove() }
    let t1 = try #require(m.unitTests["unit_test.shop.orders.t1"])
    #expect(t1.tags == ["proj", "own"])
    #expect(t1.config["meta"] == .object(JSONObject([("team", .string("a")), ("keep", .string("own"))])))
    #expect(m.unitTests["unit_test.shop.stg_orders.t2"] == nil && m.disabled["unit_test.shop.stg_orders.t2"] != nil)
    #expect(m.unitTests["unit_test.shop.stg_orders.t3"]?.tags == ["proj"])
}

// dbt's deprecation warnings that flowc gives too, at the place to fix: the old path keys
// (ConfigSourcePathDeprecation, ConfigDataPathDeprecation) and generic-test arguments outside
// `arguments:` (MissingArgumentsPropertyInGenericTestDeprecation) or test configs outside
// `config:` (PropertyMovedToConfigDeprecation), each once with a count, as dbt shows the first
// occurrence and counts the rest. The old forms still work.
import FlowcGraph
import FlowcProject
import Testing

@Test func deprecatedFormsWarnWhereTheyAreWritten() throws {
    let p = try TestProject([
        "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\nsource-paths: [\"models\"]\ndata-paths: [\"data\"]\n",
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id",
        "data/s.csv": "id\n1\n",
        "models/m.yml": """
            models:
              - name: m
                data_tests:
                  - unique:
                      column_name: id
                columns:
                  - name: id
                    data_tests:
                      - accepted_values:
                          values: [1, 2]
                      - accepted_values:
                          arguments:
                            values: [1]
                      - not_null:
                          severity: warn
                      - relationships:
                          to: ref('s')
                          field: id
            """,
    ])
    defer { p.remove() }
    let project = try ProjectLoader.load(root: p.root)
    let paths = project.diagnostics.filter { !$0.isError }.map { "\($0.span?.description ?? "-") \($0.message)" }
    #expect(paths.contains("dbt_project.yml:4:1 the `source-paths` config has been renamed to `model-paths` (deprecated in dbt)"), "\(paths)")
    #expect(paths.contains("dbt_project.yml:5:1 the `data-paths` config has been renamed to `seed-paths` (deprecated in dbt)"), "\(paths)")
    let build = try p.build()
    #expect(build.manifest.nodes["seed.shop.s"] != nil)
    let tests = build.diagnostics.filter { $0.message.contains("top-level arguments") }
    #expect(tests.count == 1)
    // a lone top-level column_name is not counted, as dbt does not count it (dbt-expectations'
    // integration tests: dbt 152 occurrences)
    #expect(tests.first?.span?.description == "models/m.yml:9:13")
    #expect(tests.first?.message == "found top-level arguments to test `accepted_values` defined on 'm' in package 'shop' (models/m.yml); "
            + "arguments to generic tests should be nested under `arguments` (deprecated in dbt); 1 more test does the same")
    // dbt's PropertyMovedToConfigDeprecation
    let moved = build.diagnostics.filter { $0.message.contains("top-level property") }
    #expect(moved.map(\.message) == ["found `severity` as a top-level property of `data_tests.not_null.severity` in models/m.yml; "
                                      + "it should be moved into the test's `config` (deprecated in dbt)"])
    #expect(moved.first?.span?.description == "models/m.yml:15:15")
}

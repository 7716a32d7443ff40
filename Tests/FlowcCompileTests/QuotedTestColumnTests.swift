// A column test on a column that is quoted (`quote: true`, a model's `quote_columns: true`, a
// source's `quoting: {column: true}`) gets the quoted name, as dbt passes it: in its SQL, its
// column_name, and its name and unique id (quotes become underscores).
import FlowcCompile
import FlowcGraph
import Foundation
import Testing

@Test func columnTestsOfQuotedColumnsUseTheQuotedName() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as \"TitleKey\", 2 as plain, 3 as \"Other\"",
        "models/schema.yml": """
            version: 2
            models:
              - name: m
                columns:
                  - name: TitleKey
                    quote: true
                    data_tests: [not_null]
                  - name: plain
                    data_tests: [not_null]
            sources:
              - name: raw
                quoting: {column: true}
                tables:
                  - name: t
                    columns:
                      - name: Other
                        data_tests: [unique]
                      - name: lower_one
                        quote: false
                        data_tests: [unique]
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let tests = build.manifest.nodes.values.filter { $0.resourceType == .test }
    #expect(Set(tests.map(\.name)) == ["not_null_m__TitleKey_", "not_null_m_plain", "source_unique_raw_t__Other_", "source_unique_raw_t_lower_one"])
    let quoted = try #require(tests.first { $0.name == "not_null_m__TitleKey_" })
    #expect(quoted.columnName == "\"TitleKey\"")
    #expect(quoted.testMetadata?.kwargs["column_name"]?.stringValue == "\"TitleKey\"")
    let sql = try p.compile()
    #expect(sql["not_null_m__TitleKey_"]?.contains("where \"TitleKey\" is null") == true, "\(sql["not_null_m__TitleKey_"] ?? "")")
    #expect(sql["not_null_m_plain"]?.contains("where plain is null") == true)
}

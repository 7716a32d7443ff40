// Jinja in a model's properties entry renders as dbt 1.11.16 renders it (compared side by side
// on PostgreSQL): configs, meta, tags, column data types and constraints become the text they
// render to; tests, descriptions and hooks are left for later.
import FlowcCompile
import FlowcGraph
@testable import FlowcProject
import Foundation
import Testing

@Test func propertiesEntriesRenderTheirJinja() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\nvars: {mat: table}\n",
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id",
        "models/m.yml": """
            models:
              - name: m
                description: "{{ 'kept' }}"
                config:
                  materialized: "{{ var('mat') }}"
                  tags: ["{{ 'x' ~ 'y' }}"]
                  meta: {owner: "{{ target.name }}", n: "{{ 3 }}"}
                  post_hook: "select '{{ this }}'"
                columns:
                  - name: id
                    data_type: "{{ 'int' }}"
                    meta: {a: "{{ 2 * 2 }}"}
                    tags: ["{{ 'ct' }}"]
                    data_tests:
                      - accepted_values:
                          arguments:
                            values: "{{ [1, 2] }}"

            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let m = try #require(build.manifest.nodes["model.shop.m"])
    #expect(m.materialized == "table")
    #expect(m.config["tags"] == .array([.string("xy")]))
    // rendered to text, as dbt's properties rendering is not native ('3', not 3)
    #expect(m.config["meta"] == .object(JSONObject([("owner", .string("dev")), ("n", .string("3"))])))
    #expect(m.unrenderedConfig["materialized"] == .string("table"))
    #expect(m.columns.first?.dataType == "int")
    #expect(m.columns.first?.meta == .object(JSONObject([("a", .string("4"))])))
    #expect(m.columns.first?.tags == ["ct"])
    // left for later: the description (process_docs), a hook (rendered per run), test arguments
    #expect(m.description == "{{ 'kept' }}")
    #expect("\(m.config["post-hook"] ?? .null)".contains("{{ this }}"), "\(m.config["post-hook"] ?? .null)")
    let test = try #require(build.manifest.nodes.values.first { $0.testMetadata?.name == "accepted_values" })
    #expect(test.testMetadata?.kwargs["values"] == .string("{{ [1, 2] }}"))
}

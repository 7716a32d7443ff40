// Jinja in a model's properties entry renders as dbt 1.11.16 renders it (compared side by side
// on PostgreSQL): configs, meta, tags, column data types and constraints become the text they
// render to; descriptions render once doc() is known; tests and hooks are left for later.
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
                    description: "{{ 'c' ~ 'd' }}"
                    data_type: "{{ 'int' }}"
                    meta: {a: "{{ 2 * 2 }}"}
                    tags: ["{{ 'ct' }}"]
                    data_tests:
                      - accepted_values:
                          arguments:
                            values: "{{ [1, 2] }}"
            sources:
              - name: app
                description: "{{ target.name }} data"
                tables:
                  - name: events

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
    // the description is rendered as dbt's process_docs renders it, with doc() known
    #expect(m.description == "kept")
    #expect(m.columns.first?.description == "cd")
    #expect(build.manifest.sources["source.shop.app.events"]?.sourceDescription == "dev data")
    // left for later: a hook (rendered per run), test arguments (per test)
    #expect("\(m.config["post-hook"] ?? .null)".contains("{{ this }}"), "\(m.config["post-hook"] ?? .null)")
    let test = try #require(build.manifest.nodes.values.first { $0.testMetadata?.name == "accepted_values" })
    #expect(test.testMetadata?.kwargs["values"] == .string("{{ [1, 2] }}"))
}

/// dbt's RuntimeConfig as `builtins.ref.config` (elementary's get_runtime_config): what dbt
/// 1.11.16 printed for the same project, and builtins.ref still a ref.
@Test func builtinsRefCarriesTheRuntimeConfig() throws {
    let p = try TestProject([
        "dbt_project.yml": "name: shop\nversion: '1.2.0'\nprofile: shop\n",
        "profiles.yml": sqliteProfile,
        "models/n.sql": "select 1 as id",
        "models/m.sql": """
            {% set c = builtins.ref.config %}
            select '{{ c.project_name }}|{{ c.version }}|{{ c.target_path }}|{{ c.profile_name }}|{{ c.target_name }}|{{ c.packages.packages }}|{{ c.args.nope }}' as x, {{ builtins.ref('n') }} as r
            """,
    ])
    defer { p.remove() }
    let sql = try p.compile()["m"] ?? ""
    #expect(sql.contains("select 'shop|1.2.0|target|shop|dev|[]|None' as x"), "\(sql)")
    #expect(sql.contains("\"n\" as r"), "\(sql)")
}

/// dbt renders a source's and an exposure's values (descriptions, tests and loaded_at_query
/// aside); dbt 1.11 wrote these values for the same entries.
@Test func sourceAndExposureValuesRenderTheirJinja() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\nvars: {col: loaded_at, who: Ann}\n",
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id",
        "models/s.yml": """
            sources:
              - name: raw
                loader: "{{ 'fivetran' }}"
                tags: ["{{ var('who') | lower }}"]
                tables:
                  - name: t
                    loaded_at_field: "{{ var('col') }}"
                    freshness: {warn_after: {count: 1, period: day}, filter: "kind = '{{ target.name }}'"}
            exposures:
              - name: dash
                type: dashboard
                label: "Exp {{ var('who') }}"
                url: "https://x/{{ target.name }}"
                owner: {name: "{{ var('who') }}"}
                meta: {m: "{{ 1 + 1 }}"}
                depends_on: [ref('m')]
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let t = try #require(m.sources["source.shop.raw.t"])
    #expect(t.loadedAtField == "loaded_at")
    #expect(t.loader == "fivetran")
    #expect(t.tags == ["ann"])
    #expect(t.freshness["filter"] == .string("kind = 'dev'"))
    let x = try #require(m.exposures["exposure.shop.dash"])
    #expect(x.label == "Exp Ann" && x.url == "https://x/dev")
    #expect(x.owner["name"] == .string("Ann"))
    #expect(x.meta == .object(JSONObject([("m", .string("2"))])))
}

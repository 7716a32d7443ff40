// Jinja in a model's properties entry renders as dbt 1.11.16 renders it (compared side by side
// on PostgreSQL): configs, meta, tags, column data types and constraints render natively (one
// `{{ expr }}` that is not a constant keeps its value's type); descriptions render once doc() is known; tests and hooks are left for later.
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
                  meta: {owner: "{{ target.name }}", n: "{{ 3 }}", k: "{{ var('k', 5) }}"}
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
    // rendered natively: a constant folds into text ('3', not 3), a variable keeps its type
    #expect(m.config["meta"] == .object(JSONObject([("owner", .string("dev")), ("n", .string("3")), ("k", .int(5))])))
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

/// dbt's native rendering of YAML values, in the project file and in properties YAML: one
/// `{{ expr }}` keeps its value's type unless Jinja's compiler folds it into text as a constant.
/// The expected values are what dbt 1.11.16 wrote to its manifest for the same project.
@Test func yamlValuesKeepTheTypeOfTheirOneExpression() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile + """

            models:
              shop:
                +meta: {code: "{{ '007' | as_text }}", n: "{{ '7' }}", l: "{{ var('l', [1,2]) }}", c: "{{ [1,2] }}", i: "{{ var('i', 3) }}", f: "{{ 1 + 1 }}", s: "{{ var('s', '5') }}", b: "{{ 'x' == 'x' }}", nn: "{{ none }}", u: "{{ 'ab' | upper }}"}
                +unique_key: "{{ var('keys', ['k1', 'k2']) }}"
            """,
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id, 2 as k1, 3 as k2",
        "models/props.yml": """
            models:
              - name: m
                config:
                  meta: {yn: "{{ var('n', 5) }}", yc: "{{ 5 }}", yl: "{{ var('l', [1,2]) }}"}
            """,
    ])
    defer { p.remove() }
    let m = try #require(try p.build().manifest.nodes["model.shop.m"])
    let meta = try #require(m.config["meta"])
    let expected: [(String, JSON)] = [
        ("code", .string("007")), ("n", .string("7")), ("l", .array([.int(1), .int(2)])), ("c", .string("[1, 2]")),
        ("i", .int(3)), ("f", .string("2")), ("s", .string("5")), ("b", .string("True")), ("nn", .string("None")),
        ("u", .string("AB")),
        ("yn", .int(5)), ("yc", .string("5")), ("yl", .array([.int(1), .int(2)])),
    ]
    for (key, value) in expected { #expect(meta[key] == value, "meta.\(key)") }
    #expect(m.config["unique_key"] == .array([.string("k1"), .string("k2")]))

    // `"{{ false }}"` is the string 'False', which dbt's config schema refuses for a boolean key
    let bad = try TestProject([
        "dbt_project.yml": minimalProjectFile + "\nmodels:\n  shop:\n    +full_refresh: \"{{ false }}\"\n",
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id",
    ])
    defer { bad.remove() }
    let messages = bad.errors().map(\.message)
    #expect(messages.contains("config 'full_refresh' is 'False', which is not true, false or null"), "\(messages)")
}

// What parsing learns of a node's dependencies, and dbt's check that compiling finds no more:
// a ref() in a pre- or post-hook is a dependency (dbt renders hooks at parse time), a project
// hook's ref() is its depends_on in the manifest, and a ref() that only runs when `execute` is
// true is an error naming the `-- depends_on:` hint, as in dbt.
import FlowcCompile
@testable import FlowcGraph
import FlowcProject
import Testing

@Test func aRefInAHookIsADependency() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as id",
        "models/b.sql": "{{ config(post_hook=\"insert into audit select * from {{ ref('a') }}\") }}select 2 as id",
        "models/c.sql": "select 3 as id",
        "models/schema.yml": """
            models:
              - name: c
                config:
                  pre_hook: ["select count(*) from {{ ref('a') }}", "select 1"]
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    #expect(build.manifest.nodes["model.shop.b"]?.dependsOnNodes == ["model.shop.a"])
    #expect(build.manifest.nodes["model.shop.c"]?.dependsOnNodes == ["model.shop.a"])
    #expect(build.manifest.childMap["model.shop.a"] == ["model.shop.b", "model.shop.c"])
    // and the hooks compile without the check below objecting
    _ = try p.compile()
}

@Test func aRefParsingDidNotSeeIsAnErrorWithTheHint() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as id",
        "models/e.sql": "{% if execute %}{% set r = ref('a') %}{% endif %}\nselect 5 as id",
        // the hint dbt gives makes it a dependency
        "models/f.sql": "-- depends_on: {{ ref('a') }}\n{% if execute %}{% set r = ref('a') %}{% endif %}\nselect 6 as id",
        // a source is not checked, as in dbt
        "models/g.sql": "{% if execute %}{% set s = source('raw', 'x') %}{% endif %}\nselect 7 as id",
        "models/src.yml": "sources:\n  - name: raw\n    tables: [{name: x}]\n",
        // a singular test is checked too, as dbt checks it
        "tests/sing.sql": "{% if execute %}{% set x = ref('a') %}{% endif %}\nselect * from {{ ref('f') }} where 1 = 0",
    ])
    defer { p.remove() }
    let build = try p.build()
    let ids = ["model.shop.e", "model.shop.f", "model.shop.g", "test.shop.sing"]
    let result = Compiler.compile(build, nodes: ids, threads: 2)
    let errors = result.diagnostics.filter(\.isError).sorted { $0.message < $1.message }
    #expect(errors.count == 2)
    #expect(errors.last?.message.contains("unable to infer all dependencies for the test \"sing\"") == true)
    let e = try #require(errors.first)
    #expect(e.message.contains("unable to infer all dependencies for the model \"e\""), "\(e.message)")
    #expect(e.message.contains("ref('a')"))
    #expect(e.hint == "add the following hint to the top of the model \"e\": -- depends_on: {{ ref('a') }}")
    #expect(e.span?.file == "models/e.sql")
    #expect(result.nodes["model.shop.f"] != nil && result.nodes["model.shop.g"] != nil && result.nodes["model.shop.e"] == nil)
}

@Test func aProjectHooksRefIsItsDependencyInTheManifest() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\non-run-end:\n  - \"select * from {{ ref('a') }}\"\n  - \"select 1\"\n",
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as id",
        "models/b.sql": "select * from {{ ref('a') }}",
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let hook = "operation.shop.shop-on-run-end-0"
    #expect(m.operations[hook]?.dependsOnNodes == ["model.shop.a"])
    #expect(m.operations["operation.shop.shop-on-run-end-1"]?.dependsOnNodes == [])
    // dbt's maps list the hook as the model's child; the DAG the run follows does not
    #expect(m.withOperations(m.childMap, children: true)["model.shop.a"] == ["model.shop.b", hook])
    #expect(m.withOperations(m.parentMap, children: false)[hook] == ["model.shop.a"])
    #expect(m.childMap["model.shop.a"] == ["model.shop.b"])
}

@Test func aSeedWhoseHookRefsSomethingIsAParseError() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\nseeds:\n  shop:\n    s:\n      +post-hook: \"select * from {{ ref('a') }}\"\n    t:\n      +post-hook: \"select 1\"\n",
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as id",
        "seeds/s.csv": "id\n1\n",
        "seeds/t.csv": "id\n1\n",
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.count == 1)
    let e = try #require(errors.first)
    #expect(e.message.hasPrefix("seeds cannot depend on other nodes: seed 's' has a pre- or post-hook that calls ref() or source()"), "\(e.message)")
    #expect(e.message.contains("post_hook: \"select * from {{ ref('a') }}\""), "\(e.message)")
    #expect(e.span?.file == "seeds/s.csv")
}

@Test func aRootProjectMacroNamedRefOrSourceMasksTheBuiltInOne() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/ref.sql": """
            {% macro ref(model_name) %}
              {% set rel = builtins.ref(model_name) %}
              {{ return(rel.include(schema=false)) }}
            {% endmacro %}
            {% macro source(source_name, table_name) %}
              {{ return(builtins.source(source_name, table_name).include(schema=false)) }}
            {% endmacro %}
            """,
        "models/props.yml": "sources:\n  - name: raw\n    tables:\n      - name: payments\n",
        "models/a.sql": "select id from {{ ref('b') }} join {{ source('raw', 'payments') }} using (id)",
        "models/b.sql": "select 1 as id",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["a"] == "select id from \"b\" join \"payments\" using (id)", "\(sql["a"] ?? "")")
    // the dependencies still come from the built-in ref and source the macros call
    let m = try p.build().manifest
    #expect(m.nodes["model.shop.a"]?.dependsOnNodes == ["source.shop.raw.payments", "model.shop.b"])
}

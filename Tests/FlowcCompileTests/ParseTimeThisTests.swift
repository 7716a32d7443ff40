// `this` while a model's file is rendered at parse time, before generate_*_name has named it:
// dbt gives the target's database and schema and the node's own name (its config(alias=…,
// schema=…) apply later), so configs built from `this` at parse time hold those.
import FlowcGraph
import Testing

@Test func thisAtParseTimeIsTheTargetSchemaAndTheNodesName() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "{{ config(tags=[this.name, this.schema]) }}select 1 as id",
        "models/sub/renamed.sql": """
            {{ config(alias='renamed_alias', schema='other', meta={'parsed_as': this.identifier}) }}
            select 1 as id
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let orders = try #require(build.manifest.nodes["model.shop.orders"])
    #expect(orders.config["tags"] == .array([.string("orders"), .string("main")]))
    let renamed = try #require(build.manifest.nodes["model.shop.renamed"])
    #expect(renamed.config["meta"]?["parsed_as"] == .string("renamed"))
    // the names dbt gives the model once it is parsed
    #expect(renamed.alias == "renamed_alias" && renamed.schema == "main_other")
}

/// dbt's ParseConfigObject: at parse time config.get()/require() answer "" whatever is set, so
/// a branch on them takes its parse-time path (and records that path's refs) as in dbt, while
/// compiling reads the real values; config.meta_get reads the config's meta.
@Test func configGetIsEmptyWhileParsing() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as id",
        "models/m.sql": """
            {{ config(tags=['x'], meta={'owner': 'ann'}) }}
            {%- if 'x' in config.get('tags') %}select 1 as id, '{{ config.meta_get('owner', 'none') }}' as o
            {%- else %}select * from {{ ref('a') }}{% endif %}
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    #expect(build.manifest.nodes["model.shop.m"]?.dependsOnNodes == ["model.shop.a"])
    let sql = try p.compile()
    #expect(sql["m"] == "select 1 as id, 'ann' as o", "\(sql["m"] ?? "")")
}

/// is_incremental, run_query and load_relation are Jinja macros of dbt's global project: a root
/// project's macro of the same name replaces them, in models and in packages' macros alike.
@Test func rootMacrosReplaceDbtsGlobalMacrosThatFlowcAnswersNatively() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/overrides.sql": """
            {% macro is_incremental() %}{{ return(true) }}{% endmacro %}
            {% macro run_query(sql) %}{{ return('rq:' ~ sql) }}{% endmacro %}
            {% macro load_relation(relation) %}{{ return('lr') }}{% endmacro %}
            """,
        "models/m.sql": "select '{% if is_incremental() %}inc{% else %}full{% endif %}|{{ run_query('x') }}|{{ load_relation(this) }}|{{ dbt.is_incremental() }}' as v",
    ])
    defer { p.remove() }
    // dbt.is_incremental stays dbt's own
    #expect(try p.compile()["m"] == "select 'inc|rq:x|lr|False' as v")
}

/// `context` is a dict macros may add to (dbt_unit_testing keeps its state with
/// context.update): the names are readable through context and as globals for the rest of the
/// node's render, and gone for the next node.
@Test func contextUpdateAddsNamesForTheRender() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/state.sql": """
            {% macro remember(v) %}{% do context.update({'__remembered__': v}) %}{% endmacro %}
            {% macro recall() %}{{ return(context.get('__remembered__', 'nothing') ~ '/' ~ ('__remembered__' in context)) }}{% endmacro %}
            """,
        "models/a.sql": "{% do remember('kept') %}select '{{ recall() }}' as v",
        "models/b.sql": "select '{{ recall() }}|{{ 'ref' in context }}|{{ context.keys() | length > 10 }}' as v",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["a"] == "select 'kept/True' as v", "\(sql["a"] ?? "")")
    #expect(sql["b"] == "select 'nothing/False|True|True' as v", "\(sql["b"] ?? "")")
    // one worker renders both, in turn: b does not see what a's render kept
    let out = try renderInTurn(p, ["a", "b"])
    #expect(out == ["select 'kept/True' as v", "select 'nothing/False|True|True' as v"], "\(out)")
}

/// A package namespace is a dict too: dbt_unit_testing's mock_macro swaps a macro with
/// `pkg.update()` for the rest of the node's render.
@Test func aNamespaceUpdateSwapsAMacroForTheRender() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/greet.sql": "{% macro greet() %}hello{% endmacro %}{% macro mocked() %}mocked{% endmacro %}",
        "models/a.sql": "{% do shop.update({'greet': shop.mocked}) %}select '{{ shop.greet() }}|{{ 'greet' in shop }}' as v",
        "models/b.sql": "select '{{ shop.greet() }}' as v",
    ])
    defer { p.remove() }
    let out = try renderInTurn(p, ["a", "b"])
    #expect(out == ["select 'mocked|True' as v", "select 'hello' as v"], "\(out)")
}

/// The models' code compiled by one worker, one after the other (what one node's render leaves
/// behind must not reach the next).
private func renderInTurn(_ p: TestProject, _ names: [String]) throws -> [String] {
    let build = try p.build()
    let worker = try RenderWorker(setup: build.setup)
    return try names.map { name in
        let node = try #require(build.manifest.nodes["model.shop.\(name)"])
        return try worker.render(try worker.environment.parse(node.rawCode, name: name), state: NodeState(node: node, mode: .compile))
    }
}

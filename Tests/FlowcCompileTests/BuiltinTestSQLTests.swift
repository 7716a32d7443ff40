// dbt's built-in generic tests written natively (BuiltinTestSQL.swift) compile to the SQL their
// macros render, for every argument shape; a project's own version of a macro involved makes
// the test render through it.
import FlowcCompile
@testable import FlowcGraph
import Foundation
import Testing

/// Every test node's SQL and the diagnostics, compiled natively where allowed and by rendering.
private func compileTestsBothWays(_ build: GraphBuild) -> (native: CompileResult, rendered: CompileResult) {
    let ids = build.manifest.nodes.values.filter { $0.resourceType == .test }.map(\.uniqueId)
    return (Compiler.compile(build, nodes: ids, threads: 2, reusesParseRenders: true),
            Compiler.compile(build, nodes: ids, threads: 2, reusesParseRenders: false))
}

/// The native SQL of each test node, nil for those left to their macros.
private func nativeSQL(_ build: GraphBuild) throws -> [String: String?] {
    let worker = try RenderWorker(setup: build.setup)
    worker.installGraph(build.manifest)
    var out: [String: String?] = [:]
    for node in build.manifest.nodes.values where node.resourceType == .test {
        guard let kwargs = node.testMetadata?.kwargs else { continue }
        let state = NodeState(node: node, mode: .compile)
        state.resolver = Compiler.resolver(for: build)
        out[node.uniqueId] = try worker.builtinTestSQL(node, kwargs: kwargs, state: state).sql
    }
    return out
}

/// A project of one model, `base`, whose column `id` has the tests `dataTests` (a YAML list),
/// with `extra` files.
private func baseProject(_ dataTests: String, _ extra: [String: String] = [:]) throws -> TestProject {
    let properties = "models:\n  - name: base\n    columns:\n      - name: id\n        data_tests: \(dataTests)\n"
    let files = ["flowc.yml": minimalProjectFile, "models/base.sql": "select 1 as id", "models/schema.yml": properties]
    return try TestProject.sqlite(files.merging(extra) { $1 })
}

private let modelsYAML = """
    sources:
      - name: raw
        tables:
          - name: orders
            columns:
              - name: id
                data_tests: [unique]
    models:
      - name: base
        columns:
          - name: id
            data_tests:
              - unique
              - not_null
              - accepted_values:
                  values: [1, 2.5, true]
                  quote: false
              - relationships:
                  to: ref('other')
                  field: id
              - relationships:
                  to: source('raw', 'orders')
                  field: "{{ 'id' }}"
          - name: status
            data_tests:
              - accepted_values:
                  values: ['a', "it's", "{{ var('extra') }}"]
              - accepted_values:
                  name: no_values_at_all
                  values: []
              - unique:
                  config: {where: "status <> 'x'"}
              - not_null:
                  config: {store_failures: true, severity: warn}
          - name: Quoted Col
            quote: true
            data_tests: [not_null]
      - name: eph
        columns:
          - name: id
            data_tests: [unique, not_null]
      - name: a_model_whose_name_is_long_enough_that_dbt_aliases_the_tests_on_it
        columns:
          - name: status
            data_tests:
              - accepted_values:
                  values: ['aaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbb', 'cccccccccccccccccc']
    """

@Test func builtinTestsCompileNativelyAsTheirMacrosRender() throws {
    let project = try TestProject.sqlite([
        "flowc.yml": minimalProjectFile + "\nvars:\n  extra: z\n",
        "models/base.sql": "select 1 as id, 'a' as status, 2 as \"Quoted Col\" from {{ ref('eph') }}",
        "models/other.sql": "select 1 as id",
        "models/eph.sql": "{{ config(materialized='ephemeral') }}select 1 as id",
        "models/a_model_whose_name_is_long_enough_that_dbt_aliases_the_tests_on_it.sql": "select 'a' as status",
        "models/schema.yml": modelsYAML,
    ])
    defer { project.remove() }
    let build = try project.build()
    let native = try nativeSQL(build)
    #expect(native.count == 14)
    // every one of them is written natively here
    for (name, sql) in native { #expect(sql != nil, "\(name)") }
    let (written, rendered) = compileTestsBothWays(build)
    #expect(rendered.diagnostics.isEmpty, "\(rendered.diagnostics.map(\.message))")
    #expect(written.diagnostics.map(\.message) == rendered.diagnostics.map(\.message))
    #expect(written.nodes.count == native.count && rendered.nodes.count == native.count)
    for (id, node) in rendered.nodes {
        #expect(written.nodes[id]?.sql == node.sql, "\(id)")
        #expect(written.nodes[id]?.extraCTEs.map(\.id) == node.extraCTEs.map(\.id), "\(id)")
    }
    // a few whole texts, so an error both ways would not pass unseen
    func sql(_ test: String, _ column: String, _ kwarg: String? = nil, _ value: JSON? = nil) -> String? {
        let node = build.manifest.nodes.values.first { n in
            n.testMetadata?.name == test && n.columnName == column && n.attachedNode == "model.shop.base" && (kwarg.map { n.testMetadata?.kwargs[$0] == value } ?? true)
        }
        return node.flatMap { written.nodes[$0.uniqueId]?.sql }
    }
    #expect(sql("accepted_values", "id") == """

            \("")
            \("")

        with all_values as (

            select
                id as value_field,
                count(*) as n_records

            from main."base"
            group by id

        )

        select *
        from all_values
        where value_field not in (
            1,2.5,True
        )



        """)
    #expect(sql("accepted_values", "status", "values", .array([]))?.contains("not in (\n    \n)") == true)
    #expect(sql("accepted_values", "status", "values", .array([.string("a"), .string("it's"), .string("{{ var('extra') }}")]))?.contains("'a','it's','z'\n)") == true)
    #expect(sql("unique", "status")?.contains("from (select * from main.\"base\" where status <> 'x') dbt_subquery\n") == true)
    #expect(sql("not_null", "status")?.contains("select *\nfrom main.\"base\"\nwhere status is null") == true)
    #expect(sql("not_null", "id")?.contains("select id\nfrom main.\"base\"\nwhere id is null") == true)
    #expect(sql("unique", "id")?.contains("from main.\"base\"\nwhere id is not null") == true)
    #expect(sql("relationships", "id", "field", .string("{{ 'id' }}"))?.contains("select id as to_field\n    from raw.\"orders\"") == true)
    #expect(sql("not_null", "\"Quoted Col\"")?.contains("where \"Quoted Col\" is null") == true)
    let ephemeral = written.nodes.values.filter { build.manifest.nodes[$0.uniqueId]?.attachedNode == "model.shop.eph" }
    #expect(ephemeral.count == 2 && ephemeral.allSatisfy { $0.sql.contains("with __dbt__cte__eph as (") })
}

@Test func aProjectsOwnTestMacrosRenderInstead() throws {
    let project = try baseProject("[unique, not_null, {accepted_values: {values: [1]}}, {relationships: {to: ref('base'), field: id}}]", [
        "macros/tests.sql": """
            {% macro default__test_not_null(model, column_name) %}select 'mine' from {{ model }}{% endmacro %}
            {% test unique(model, column_name) %}select 'my unique' from {{ model }}{% endtest %}
            {% macro should_store_failures() %}{{ return(true) }}{% endmacro %}
            """,
    ])
    defer { project.remove() }
    let build = try project.build()
    let native = try nativeSQL(build)
    func written(_ test: String) -> Bool? {
        build.manifest.nodes.values.first { $0.testMetadata?.name == test }.flatMap { native[$0.uniqueId] }.map { $0 != nil }
    }
    #expect(written("unique") == false && written("not_null") == false)
    #expect(written("accepted_values") == true && written("relationships") == true)
    let (written, rendered) = compileTestsBothWays(build)
    #expect(written.diagnostics.isEmpty && rendered.diagnostics.isEmpty)
    for (id, node) in rendered.nodes { #expect(written.nodes[id]?.sql == node.sql, "\(id)") }
    let sql = Set(written.nodes.values.map(\.sql))
    #expect(sql.contains { $0.contains("select 'mine' from main.\"base\"") })
    #expect(sql.contains { $0.contains("select 'my unique' from main.\"base\"") })
}

@Test func onlyTheTestCallAndDbtsConfigCallAreWrittenNatively() {
    let call = "{{ test_unique(**_dbt_generic_test_kwargs) }}"
    #expect(BuiltinTest.callsOnlyMacro(call, test: .unique))
    #expect(BuiltinTest.callsOnlyMacro(call + "{{ config(severity=\"warn\",alias=\"x\") }}", test: .unique))
    #expect(!BuiltinTest.callsOnlyMacro(call, test: .notNull))
    #expect(!BuiltinTest.callsOnlyMacro(call + " ", test: .unique))
    #expect(!BuiltinTest.callsOnlyMacro(call + "{{ config(where=\"{{ var('w') }}\") }}", test: .unique))
    #expect(!BuiltinTest.callsOnlyMacro(call + "{{ config(a=1) }}{{ log('x') }}", test: .unique))
    #expect(!BuiltinTest.callsOnlyMacro("{{ dbt.test_unique(**_dbt_generic_test_kwargs) }}", test: .unique))
}

@Test func argumentsLeftToTheMacroAreEvaluatedOnce() throws {
    let project = try baseProject(#"[{accepted_values: {values: "{{ log('evaluated', info=True) }}"}}]"#)
    defer { project.remove() }
    let build = try project.build()
    // not a list: the macro renders it (looping over the empty text), with the value already made
    let (written, rendered) = compileTestsBothWays(build)
    let id = try #require(build.manifest.nodes.values.first { $0.testMetadata?.name == "accepted_values" }?.uniqueId)
    #expect(written.nodes[id]?.sql == rendered.nodes[id]?.sql)
    #expect(written.nodes[id]?.sql.contains("not in (\n    \n)") == true)
    #expect(written.messages[id]?.map(\.text) == ["evaluated"])
    #expect(rendered.messages[id]?.map(\.text) == ["evaluated"])
}

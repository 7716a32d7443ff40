// Compiling a model from its parse-time render (ParseRenderReuse.swift) gives the SQL a second
// render gives, and a model whose render could come out differently is rendered again.
import FlowcCompile
@testable import FlowcGraph
import Foundation
import Testing

/// Every node's SQL and diagnostics, compiled from parse-time renders where allowed and with a
/// full render of every node.
private func compileBothWays(_ build: GraphBuild) -> (reused: CompileResult, rendered: CompileResult) {
    let ids = build.manifest.nodes.values.filter { $0.resourceType != .seed }.map(\.uniqueId)
    return (Compiler.compile(build, nodes: ids, threads: 2, reusesParseRenders: true),
            Compiler.compile(build, nodes: ids, threads: 2, reusesParseRenders: false))
}

@Test func reusedParseRendersCompileAsDbtDoes() throws {
    let (project, _) = try TestProject.fixture("bench30")
    defer { project.remove() }
    let build = try project.build(target: "sqlite")
    let models = build.manifest.nodes.values.filter { $0.resourceType == .model }
    // the incremental models read is_incremental() and `this`; the others are reusable
    let reusable = models.filter { build.parseRenders[$0.uniqueId] != nil }
    #expect(reusable.count >= models.count / 2, "reusable: \(reusable.count) of \(models.count)")
    #expect(models.filter { $0.materialized == "incremental" }.allSatisfy { build.parseRenders[$0.uniqueId] == nil })
    let (reused, rendered) = compileBothWays(build)
    #expect(reused.diagnostics.isEmpty && rendered.diagnostics.isEmpty)
    #expect(reused.nodes.count == rendered.nodes.count)
    for (id, node) in rendered.nodes {
        #expect(reused.nodes[id]?.sql == node.sql, "\(id)")
        #expect(reused.nodes[id]?.extraCTEs.map(\.id) == node.extraCTEs.map(\.id), "\(id)")
    }
}

@Test func whatARenderReadsDecidesReuse() throws {
    let project = try TestProject.sqlite([
        "flowc.yml": minimalProjectFile + "\nvars:\n  cols: [a, b]\n",
        "macros/m.sql": """
            {% macro pick(col) %}{{ return(adapter.dispatch('pick')(col)) }}{% endmacro %}
            {% macro default__pick(col) %}upper({{ col }}){% endmacro %}
            {% macro names() %}{{ log('x') }}n{% endmacro %}
            """,
        "models/sources.yml": """
            sources:
              - name: raw
                tables: [{name: orders}]
            """,
        "models/base.sql": "select 1 as a, 2 as b",
        "models/eph.sql": "{{ config(materialized='ephemeral') }}select * from {{ ref('base') }}",
        "models/plain.sql": """
            {{ config(materialized='table') }}
            {%- set cols = var('cols') %}
            select {% for c in cols %}{{ pick(c) }} as {{ c }}{{ ',' if not loop.last }}{% endfor %}
            from {{ ref('base') }} join {{ ref('eph') }} using (a)
            join {{ source('raw', 'orders') }} o on o.id = a
            -- {{ ref('base') }} twice, a var default {{ var('missing', 'd') }}
            """,
        "models/reads_execute.sql": "select {{ 1 if execute else 0 }} as a from {{ ref('base') }}",
        "models/reads_this.sql": "select '{{ this }}' as a",
        "models/attribute.sql": "select '{{ ref('base').identifier }}' as a",
        "models/in_set_block.sql": "{% set r %}{{ ref('base') }}{% endset %}select * from {{ r }}",
        "models/concatenated.sql": "select * from {{ ref('base') ~ '' }}",
        "models/compared.sql": "select {{ 1 if ref('base') == ref('base') else 0 }} as a",
        "models/config_get.sql": "{{ config(alias='cg') }}select '{{ config.get('alias') }}' as a",
        "models/logs.sql": "select '{{ names() }}' as a",
        "models/missing_var.sql": "select '{{ var('nope') }}' as a",
        "models/introspects.sql": "select {{ adapter.quote('a') }} from {{ ref('base') }}",
        "models/through_macro.sql": "{% macro rel() %}{{ ref('base') }}{% endmacro %}select * from {{ rel() }}",
        "models/reads_args.sql": "select '{{ invocation_args_dict.which }}{{ flags.FULL_REFRESH }}' as a",
    ])
    defer { project.remove() }
    let build = try project.build()
    func reusable(_ name: String) -> Bool { build.parseRenders["model.shop.\(name)"] != nil }
    #expect(reusable("base") && reusable("eph") && reusable("plain"))
    for name in ["reads_execute", "reads_this", "attribute", "in_set_block", "concatenated", "compared", "config_get",
                 "logs", "missing_var", "introspects", "through_macro", "reads_args"] {
        #expect(!reusable(name), "\(name) should be rendered again")
    }
    let (reused, rendered) = compileBothWays(build)
    #expect(reused.diagnostics.map(\.message) == rendered.diagnostics.map(\.message))
    #expect(Set(reused.nodes.keys) == Set(rendered.nodes.keys))
    for (id, node) in rendered.nodes { #expect(reused.nodes[id]?.sql == node.sql, "\(id)") }
    let plain = try #require(reused.nodes["model.shop.plain"]?.sql)
    #expect(plain == """

        with __dbt__cte__eph as (
        select * from main."base"
        ) select upper(a) as a,upper(b) as b
        from main."base" join __dbt__cte__eph using (a)
        join raw."orders" o on o.id = a
        -- main."base" twice, a var default d
        """)
}

@Test func slotMarkersMustBeTheOnesPrinted() {
    #expect(RenderWorker.fill("a\u{0}0\u{0}b\u{0}1\u{0}", ["X", "Y"], expected: 2) == "aXbY")
    #expect(RenderWorker.fill("a\u{0}1\u{0}\u{0}1\u{0}", ["X", "Y"], expected: 2) == "aYY")
    // a NUL that is not a marker, a marker out of range, or a count that is not what was printed
    #expect(RenderWorker.fill("a\u{0}b", ["X"], expected: 0) == nil)
    #expect(RenderWorker.fill("\u{0}2\u{0}", ["X"], expected: 1) == nil)
    #expect(RenderWorker.fill("\u{0}0\u{0}", ["X"], expected: 2) == nil)
    #expect(RenderWorker.fill("\u{0}0", ["X"], expected: 1) == nil)
}

/// A model compiling from its parse-time render keeps no template (the graph would hold every
/// model's to the end of the run); rendering it in full parses its own code again, never a
/// disabled namesake's, whichever of the two files is read first.
@Test func aReplayedModelKeepsNoTemplate() throws {
    let project = try TestProject.sqlite([
        "flowc.yml": minimalProjectFile,
        "models/a/first.sql": "{{ config(enabled=false) }}select 'disabled {{ this }}' as v",
        "models/b/first.sql": "select 'enabled' as v",
        "models/a/second.sql": "select 'enabled' as v",
        "models/b/second.sql": "{{ config(enabled=false) }}select 'disabled {{ this }}' as v",
        "models/reads_this.sql": "select '{{ this }}' as v",
    ])
    defer { project.remove() }
    let build = try project.build()
    for name in ["first", "second"] {
        #expect(build.parseRenders["model.shop.\(name)"] != nil && build.templates["model.shop.\(name)"] == nil, "\(name)")
    }
    // a model that renders again at compile time keeps its template
    #expect(build.parseRenders["model.shop.reads_this"] == nil && build.templates["model.shop.reads_this"] != nil)
    let (reused, rendered) = compileBothWays(build)
    #expect(reused.diagnostics.isEmpty && rendered.diagnostics.isEmpty)
    for result in [reused, rendered] {
        for name in ["first", "second"] {
            #expect(result.nodes["model.shop.\(name)"]?.sql == "select 'enabled' as v", "\(name)")
        }
        #expect(result.nodes["model.shop.reads_this"]?.sql == "select 'main.\"reads_this\"' as v")
    }
}

// dbt's `graph` variable: empty while parsing, the project's nodes, sources and exposures when
// compiling, with the fields macros filter on (resource_type, name, config, tags, …).
import Testing

@Test func graphHoldsTheProjectWhenCompiling() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/sources.yml": """
            version: 2
            sources:
              - name: raw
                tables:
                  - name: events
            """,
        "models/a.sql": "{{ config(tags=['finance'], materialized='table') }}\nselect 1 as x",
        "models/b.sql": "select 2 as y",
        "models/list.sql": """
            {%- set names = [] -%}
            {%- set rel = [] -%}
            {%- if execute -%}
            {%- for n in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | sort(attribute='name') -%}
            {%- do names.append(n.name ~ ':' ~ n.config.materialized ~ ':' ~ (n.tags | join('+'))) -%}
            {%- endfor -%}
            {%- do rel.append(graph.get("nodes")["model.shop.a"].relation_name) -%}
            {%- endif -%}
            select '{{ names | join(",") }}' as models,
                   '{{ graph.sources.values() | map(attribute="name") | join(",") }}' as sources,
                   '{{ rel | join("") }}' as rel,
                   {{ graph.keys() | length }} as n_keys
            """,
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["list"] == """
        select 'a:table:finance,b:view:,list:view:' as models,
               'events' as sources,
               'main."a"' as rel,
               8 as n_keys
        """)
}

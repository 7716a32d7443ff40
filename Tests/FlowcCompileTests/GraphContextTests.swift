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

/// `graph` has dbt's flat_graph keys, its metrics and semantic models (dbt-project-evaluator
/// reads them), and the node fields dbt's objects have beyond the manifest: config_call_dict
/// (what the file's config() calls set), unrendered_config_call_dict, defer_relation, batch, and a
/// source's _event_status. dbt 1.11.16 printed the same for this project.
@Test func graphHasDbtsKeysSemanticResourcesAndNodeFields() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/metricflow_time_spine.sql": "select current_date as date_day",
        "models/orders.sql": "{{ config(alias='my_orders') }}\nselect 1 as order_id, current_date as ordered_at, 10 as amount",
        "models/schema.yml": """
            models:
              - name: metricflow_time_spine
                time_spine:
                  standard_granularity_column: date_day
                columns:
                  - name: date_day
                    granularity: day
            sources:
              - name: src
                tables:
                  - name: t
            semantic_models:
              - name: orders
                model: ref('orders')
                defaults:
                  agg_time_dimension: ordered_at
                entities:
                  - name: order_id
                    type: primary
                dimensions:
                  - name: ordered_at
                    type: time
                    type_params:
                      time_granularity: day
                measures:
                  - name: revenue
                    expr: amount
                    agg: sum
            metrics:
              - name: revenue
                label: Revenue
                type: simple
                type_params:
                  measure: revenue
            """,
        "models/probe.sql": """
            {%- if execute -%}
            {%- set n = graph.nodes['model.shop.orders'] -%}
            select '{{ graph.keys() | list | sort | join(",") }}|{{ graph.metrics.keys() | list | join(",") }}|\
            {{ graph.semantic_models.keys() | list | join(",") }}|{{ n.config_call_dict }}|{{ n.unrendered_config_call_dict }}|\
            {{ n.defer_relation }}|{{ n.batch }}|{{ graph.sources['source.shop.src.t']._event_status }}|{{ n.created_at > 0 }}' as probe
            {%- endif -%}
            """,
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["probe"] == "select 'exposures,functions,groups,metrics,nodes,saved_queries,semantic_models,sources|metric.shop.revenue|"
            + "semantic_model.shop.orders|{'alias': 'my_orders'}|{}|None|None|{}|True' as probe")
}

// dbt's adapter macros that projects, packages and run-operations call by name: schema naming for
// environments, full-refresh and relation helpers, and the DDL macros over the adapter methods in
// ContextAdapterDDL.swift. Texts follow dbt Core 1.11 and dbt-postgres; `sqlite__` versions where
// SQLite has no schemas catalog.

extension BuiltinMacros {
    static let adapterPath = "macros/flowc_builtins_adapter.sql"

    static let adapter = #"""
{% macro generate_schema_name_for_env(custom_schema_name, node) -%}
    {%- set default_schema = target.schema -%}
    {%- if target.name == 'prod' and custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ default_schema }}
    {%- endif -%}
{%- endmacro %}

{% macro should_full_refresh() %}
  {% set config_full_refresh = config.get('full_refresh') %}
  {% if config_full_refresh is none %}
    {% set config_full_refresh = flags.FULL_REFRESH %}
  {% endif %}
  {% do return(config_full_refresh) %}
{% endmacro %}

{% macro get_columns_in_relation(relation) -%}
  {{ return(adapter.dispatch('get_columns_in_relation', 'dbt')(relation)) }}
{% endmacro %}
{% macro default__get_columns_in_relation(relation) -%}
  {{ return(__flowc.columns_in_relation(relation)) }}
{% endmacro %}

{% macro get_empty_subquery_sql(select_sql, select_sql_header=none) -%}
  {{ return(adapter.dispatch('get_empty_subquery_sql', 'dbt')(select_sql, select_sql_header)) }}
{% endmacro %}
{% macro default__get_empty_subquery_sql(select_sql, select_sql_header=none) %}
    {%- if select_sql_header is not none -%}
    {{ select_sql_header }}
    {%- endif -%}
    select * from (
        {{ select_sql }}
    ) as __dbt_sbq
    where false
    limit 0
{% endmacro %}

{% macro get_column_schema_from_query(select_sql, select_sql_header=none) -%}
    {% set sql = get_empty_subquery_sql(select_sql, select_sql_header) %}
    {{ return(adapter.get_column_schema_from_query(sql)) }}
{% endmacro %}

{% macro get_columns_in_query(select_sql) -%}
  {{ return(adapter.dispatch('get_columns_in_query', 'dbt')(select_sql)) }}
{% endmacro %}
{% macro default__get_columns_in_query(select_sql) %}
    {% call statement('get_columns_in_query', fetch_result=True, auto_begin=False) -%}
        {{ get_empty_subquery_sql(select_sql) }}
    {% endcall %}
    {{ return(load_result('get_columns_in_query').table.columns | map(attribute='name') | list) }}
{% endmacro %}

{% macro drop_relation(relation) -%}
  {{ return(adapter.drop_relation(relation)) }}
{% endmacro %}
{% macro drop_relation_if_exists(relation) %}
  {% if relation is not none %}
    {{ adapter.drop_relation(relation) }}
  {% endif %}
{% endmacro %}
{% macro truncate_relation(relation) -%}
  {{ return(adapter.truncate_relation(relation)) }}
{% endmacro %}
{% macro rename_relation(from_relation, to_relation) -%}
  {{ return(adapter.rename_relation(from_relation, to_relation)) }}
{% endmacro %}
{% macro create_schema(relation) -%}
  {{ adapter.dispatch('create_schema', 'dbt')(relation) }}
{% endmacro %}
{% macro default__create_schema(relation) -%}
  {{ adapter.create_schema(relation) }}
{% endmacro %}
{% macro drop_schema(relation) -%}
  {{ adapter.drop_schema(relation) }}
{% endmacro %}

{% macro load_cached_relation(relation) %}
  {% do return(adapter.get_relation(
    database=relation.database,
    schema=relation.schema,
    identifier=relation.identifier
  )) -%}
{% endmacro %}

{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') %}
  {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{% endmacro %}
{% macro default__make_temp_relation(base_relation, suffix) %}
    {%- set temp_identifier = base_relation.identifier ~ suffix -%}
    {%- set temp_relation = base_relation.incorporate(
                                path={"identifier": temp_identifier}) -%}

    {{ return(temp_relation) }}
{% endmacro %}

{% macro postgres__make_temp_relation(base_relation, suffix) %}
    {#- dbt-postgres: a time-stamped name within PostgreSQL's 63 characters, and no schema (a temporary table) -#}
    {% set suffix = suffix ~ modules.datetime.datetime.now().strftime("%H%M%S%f") %}
    {% if suffix | length > 63 %}
        {% do exceptions.raise_compiler_error('Relation suffix is too long (' ~ (suffix | length) ~ ' characters). Maximum length is 63 characters.') %}
    {% endif %}
    {% set identifier = base_relation.identifier[:63 - (suffix | length)] ~ suffix %}
    {{ return(base_relation.incorporate(path={"identifier": identifier, "schema": none, "database": none})) }}
{% endmacro %}

{% macro sqlite__make_temp_relation(base_relation, suffix) %}
    {#- SQLite's temporary tables live in their own `temp` schema: the name alone finds them -#}
    {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix, "schema": none, "database": none})) }}
{% endmacro %}

{%- macro snapshot_get_time() -%}
    {{ adapter.dispatch('snapshot_get_time', 'dbt')() }}
{%- endmacro -%}
{% macro default__snapshot_get_time() %}
    {{ current_timestamp() }}
{% endmacro %}
{% macro postgres__snapshot_get_time() -%}
  {{ current_timestamp() }}::timestamp without time zone
{%- endmacro %}

{% macro information_schema_name(database) %}
  {{ return(adapter.dispatch('information_schema_name', 'dbt')(database)) }}
{% endmacro %}
{% macro default__information_schema_name(database) -%}
  {%- if database -%}
    {{ database }}.INFORMATION_SCHEMA
  {%- else -%}
    INFORMATION_SCHEMA
  {%- endif -%}
{%- endmacro %}
{% macro postgres__information_schema_name(database) -%}
  information_schema
{%- endmacro %}

{% macro list_schemas(database) -%}
  {{ return(adapter.dispatch('list_schemas', 'dbt')(database)) }}
{% endmacro %}
{% macro default__list_schemas(database) %}
  {% call statement('list_schemas', fetch_result=True, auto_begin=False) %}
    select distinct nspname from pg_namespace
  {% endcall %}
  {{ return(load_result('list_schemas').table) }}
{% endmacro %}
{% macro sqlite__list_schemas(database) %}
  {% call statement('list_schemas', fetch_result=True, auto_begin=False) %}
    select name as nspname from pragma_database_list
  {% endcall %}
  {{ return(load_result('list_schemas').table) }}
{% endmacro %}

{% macro check_schema_exists(information_schema, schema) -%}
  {{ return(adapter.dispatch('check_schema_exists', 'dbt')(information_schema, schema)) }}
{% endmacro %}
{% macro default__check_schema_exists(information_schema, schema) -%}
  {% call statement('check_schema_exists', fetch_result=True, auto_begin=False) %}
    select count(*) from pg_namespace where nspname = '{{ schema }}'
  {% endcall %}
  {{ return(load_result('check_schema_exists').table) }}
{% endmacro %}
{% macro sqlite__check_schema_exists(information_schema, schema) -%}
  {% call statement('check_schema_exists', fetch_result=True, auto_begin=False) %}
    select count(*) from pragma_database_list where name = '{{ schema }}'
  {% endcall %}
  {{ return(load_result('check_schema_exists').table) }}
{% endmacro %}
"""#
}

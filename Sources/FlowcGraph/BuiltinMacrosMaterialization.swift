// The macros dbt's materializations are written with, for the custom materializations projects
// and packages define (`{% materialization name, default %}`): hooks, intermediate and backup
// relations, create table/view/index statements, grants and persist_docs. Each dispatches as
// dbt's does, so a project's `default__…` or `<adapter>__…` version still wins; the default
// versions call the `__flowc` helpers in CustomMaterialization.swift, which write the dialect's
// SQL.

extension BuiltinMacros {
    static let materializationPath = "macros/flowc_builtins_materialization.sql"

    static let materialization = #"""
{% macro run_hooks(hooks, inside_transaction=True) %}
  {{ __flowc.run_hooks(hooks, inside_transaction) }}
{% endmacro %}

{% macro make_hook_config(sql, inside_transaction) %}
  {{ tojson({"sql": sql, "transaction": inside_transaction}) }}
{% endmacro %}
{% macro before_begin(sql) %}{{ make_hook_config(sql, inside_transaction=False) }}{% endmacro %}
{% macro in_transaction(sql) %}{{ make_hook_config(sql, inside_transaction=True) }}{% endmacro %}
{% macro after_commit(sql) %}{{ make_hook_config(sql, inside_transaction=False) }}{% endmacro %}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') %}
  {{ return(adapter.dispatch('make_intermediate_relation', 'dbt')(base_relation, suffix)) }}
{% endmacro %}
{% macro default__make_intermediate_relation(base_relation, suffix) %}
  {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix})) }}
{% endmacro %}
{% macro postgres__make_intermediate_relation(base_relation, suffix) %}
  {{ return(postgres__make_relation_with_suffix(base_relation, suffix, dstring=False)) }}
{% endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') %}
  {{ return(adapter.dispatch('make_backup_relation', 'dbt')(base_relation, backup_relation_type, suffix)) }}
{% endmacro %}
{% macro default__make_backup_relation(base_relation, backup_relation_type, suffix) %}
  {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix}, type=backup_relation_type)) }}
{% endmacro %}
{% macro postgres__make_backup_relation(base_relation, backup_relation_type, suffix) %}
  {% set backup = postgres__make_relation_with_suffix(base_relation, suffix, dstring=False) %}
  {{ return(backup.incorporate(type=backup_relation_type)) }}
{% endmacro %}

{% macro postgres__make_relation_with_suffix(base_relation, suffix, dstring) %}
  {#- PostgreSQL names hold 63 characters: the identifier is cut to leave room for the suffix -#}
  {% if dstring %}
    {% set suffix = suffix ~ modules.datetime.datetime.now().strftime("%H%M%S%f") %}
  {% endif %}
  {% if suffix | length > 63 %}
    {% do exceptions.raise_compiler_error('Relation suffix is too long (' ~ (suffix | length) ~ ' characters). Maximum length is 63 characters.') %}
  {% endif %}
  {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier[:63 - (suffix | length)] ~ suffix})) }}
{% endmacro %}

{% macro get_create_table_as_sql(temporary, relation, sql) -%}
  {{ adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql) }}
{%- endmacro %}
{% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(create_table_as(temporary, relation, sql)) }}
{% endmacro %}
{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code) }}
{%- endmacro %}
{% macro default__create_table_as(temporary, relation, sql) -%}
  {{ __flowc.create_table_as(temporary, relation, sql) }}
{%- endmacro %}

{#- dbt's contract macros: flowc checks a contracted model's query against its contract before
    the model builds (assert_columns_equivalent has nothing left to do); the DDL pieces come
    from the contract the run stage rendered -#}
{% macro get_assert_columns_equivalent(sql) -%}
  {{ adapter.dispatch('get_assert_columns_equivalent', 'dbt')(sql) }}
{%- endmacro %}
{% macro default__get_assert_columns_equivalent(sql) -%}
  {{ return(assert_columns_equivalent(sql)) }}
{%- endmacro %}
{% macro assert_columns_equivalent(sql) %}{% endmacro %}
{% macro get_table_columns_and_constraints() -%}
  {{ adapter.dispatch('get_table_columns_and_constraints', 'dbt')() }}
{%- endmacro %}
{% macro default__get_table_columns_and_constraints() -%}
  {{ return(table_columns_and_constraints()) }}
{%- endmacro %}
{% macro table_columns_and_constraints() %}{{ __flowc.table_columns_and_constraints() }}{% endmacro %}
{% macro get_select_subquery(sql) %}
  {{ return(adapter.dispatch('get_select_subquery', 'dbt')(sql)) }}
{% endmacro %}
{% macro default__get_select_subquery(sql) %}{{ __flowc.select_subquery(sql) }}{% endmacro %}
{% macro default__get_column_names() %}
  {%- for name, column in model['columns'].items() -%}
    {{ adapter.quote(column['name']) if column.get('quote') else column['name'] }}{{ ", " if not loop.last }}
  {%- endfor -%}
{% endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
  {{ adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql) }}
{%- endmacro %}
{% macro default__get_create_view_as_sql(relation, sql) -%}
  {{ return(create_view_as(relation, sql)) }}
{% endmacro %}
{% macro create_view_as(relation, sql) -%}
  {{ adapter.dispatch('create_view_as', 'dbt')(relation, sql) }}
{%- endmacro %}
{% macro default__create_view_as(relation, sql) -%}
  {{ __flowc.create_view_as(relation, sql) }}
{%- endmacro %}

{% macro get_create_index_sql(relation, index_dict) -%}
  {{ return(adapter.dispatch('get_create_index_sql', 'dbt')(relation, index_dict)) }}
{% endmacro %}
{% macro default__get_create_index_sql(relation, index_dict) -%}
  {{ return(__flowc.create_index_sql(relation, index_dict)) }}
{% endmacro %}
{% macro create_indexes(relation) -%}
  {{ adapter.dispatch('create_indexes', 'dbt')(relation) }}
{%- endmacro %}
{% macro default__create_indexes(relation) -%}
  {%- for index_dict in config.get('indexes', default=[]) -%}
    {%- set create_index_sql = get_create_index_sql(relation, index_dict) -%}
    {%- if create_index_sql -%}
      {% do run_query(create_index_sql) %}
    {%- endif -%}
  {%- endfor -%}
{% endmacro %}

{% macro copy_grants() %}
  {{ return(adapter.dispatch('copy_grants', 'dbt')()) }}
{% endmacro %}
{% macro default__copy_grants() %}
  {{ return(True) }}
{% endmacro %}
{% macro postgres__copy_grants() %}
  {{ return(False) }}
{% endmacro %}
{% macro should_revoke(existing_relation, full_refresh_mode=True) %}
  {#- a new relation has no grants; a replaced one keeps them where the adapter copies grants; one merged into keeps them -#}
  {% if not existing_relation %}
    {{ return(False) }}
  {% elif full_refresh_mode %}
    {{ return(copy_grants()) }}
  {% else %}
    {{ return(True) }}
  {% endif %}
{% endmacro %}
{% macro apply_grants(relation, grant_config, should_revoke=True) %}
  {{ adapter.dispatch('apply_grants', 'dbt')(relation, grant_config, should_revoke) }}
{% endmacro %}
{% macro default__apply_grants(relation, grant_config, should_revoke=True) %}
  {% if grant_config %}
    {% do __flowc.apply_grants(relation, grant_config, should_revoke) %}
  {% endif %}
{% endmacro %}

{% macro persist_docs(relation, model, for_relation=true, for_columns=true) -%}
  {{ return(adapter.dispatch('persist_docs', 'dbt')(relation, model, for_relation, for_columns)) }}
{% endmacro %}
{% macro default__persist_docs(relation, model, for_relation, for_columns) -%}
  {%- if __flowc.reaches_project_macro('alter_relation_comment') or __flowc.reaches_project_macro('alter_column_comment') -%}
    {#- the project writes the comments: dbt's default__persist_docs, which calls its macros -#}
    {%- if for_relation and config.persist_relation_docs() and model.description -%}
      {% do run_query(alter_relation_comment(relation, model.description)) %}
    {%- endif -%}
    {%- if for_columns and config.persist_column_docs() and model.columns -%}
      {% do run_query(alter_column_comment(relation, model.columns)) %}
    {%- endif -%}
  {%- else -%}
    {% do __flowc.persist_docs(relation, model, for_relation, for_columns) %}
  {%- endif -%}
{% endmacro %}
"""#
}

// dbt's incremental building blocks, for custom incremental strategies and materializations
// that assemble their SQL from them: the strategy macros (get_incremental_append_sql, …),
// get_insert_into_sql, get_delete_insert_merge_sql, get_merge_sql (in the dialect's
// spelling), get_quoted_csv, diff_of_two_dicts and incremental_validate_on_schema_change. Each
// dispatches as dbt's does. flowc's own incremental models do not go through them.

extension BuiltinMacros {
    static let incrementalPath = "macros/flowc_builtins_incremental.sql"

    static let incremental = #"""
{% macro get_quoted_csv(column_names) %}
  {%- set quoted = [] -%}
  {%- for name in column_names -%}{%- do quoted.append(adapter.quote(name)) -%}{%- endfor -%}
  {{ return(quoted | join(', ')) }}
{% endmacro %}

{% macro diff_of_two_dicts(dict_a, dict_b) %}
  {#- what dict_a holds that dict_b lacks, keys and values compared without case -#}
  {%- set missing = {} -%}
  {%- set b_lower = {} -%}
  {%- for key, values in dict_b.items() -%}
    {%- do b_lower.update({key | lower: values | map('lower') | list}) -%}
  {%- endfor -%}
  {%- for key, values in dict_a.items() -%}
    {%- set have = b_lower.get(key | lower, none) -%}
    {%- if have is none -%}
      {%- do missing.update({key: values}) -%}
    {%- else -%}
      {%- set absent = [] -%}
      {%- for v in values if (v | lower) not in have -%}{%- do absent.append(v) -%}{%- endfor -%}
      {%- if absent -%}{%- do missing.update({key: absent}) -%}{%- endif -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(missing) }}
{% endmacro %}

{% macro incremental_validate_on_schema_change(on_schema_change, default='ignore') %}
  {%- if on_schema_change not in ['sync_all_columns', 'append_new_columns', 'fail', 'ignore'] -%}
    {{ log('Invalid value for on_schema_change (' ~ on_schema_change ~ ') specified. Setting default value of ' ~ default ~ '.', info=True) }}
    {{ return(default) }}
  {%- endif -%}
  {{ return(on_schema_change) }}
{% endmacro %}

{% macro process_schema_changes(on_schema_change, source_relation, target_relation) %}
  {{ return(__flowc.process_schema_changes(on_schema_change, source_relation, target_relation)) }}
{% endmacro %}

{% macro get_insert_into_sql(target_relation, temp_relation, dest_columns) %}
  {%- set cols = get_quoted_csv(dest_columns | map(attribute="name")) -%}
  {#- no parentheses around the select: SQLite refuses them -#}
  insert into {{ target_relation }} ({{ cols }})
  select {{ cols }}
  from {{ temp_relation }}
{% endmacro %}

{% macro get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
  {{ adapter.dispatch('get_delete_insert_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates) }}
{%- endmacro %}
{% macro default__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
  {%- set cols = get_quoted_csv(dest_columns | map(attribute="name")) -%}
  {%- if unique_key -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    delete from {{ target }} as DBT_INTERNAL_DEST
    where ({{ keys | join(', ') }}) in (
      select distinct {{ keys | join(', ') }}
      from {{ source }} as DBT_INTERNAL_SOURCE
    )
    {%- for predicate in (incremental_predicates or []) %}
      and {{ predicate }}
    {%- endfor -%};
  {% endif %}
  insert into {{ target }} ({{ cols }})
  select {{ cols }}
  from {{ source }}
{%- endmacro %}

{% macro get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
  {%- set incremental_predicates = kwargs.get('predicates', incremental_predicates) -%}
  {{ adapter.dispatch('get_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates) }}
{%- endmacro %}
{% macro default__get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
  {%- set sql_header = config.get('sql_header', none) -%}
  {{ sql_header if sql_header is not none }}
  {{ __flowc.merge_sql(target, source, unique_key, dest_columns, incremental_predicates) }}
{%- endmacro %}

{% macro get_incremental_append_sql(arg_dict) %}
  {{ return(adapter.dispatch('get_incremental_append_sql', 'dbt')(arg_dict)) }}
{% endmacro %}
{% macro default__get_incremental_append_sql(arg_dict) %}
  {{ return(get_insert_into_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["dest_columns"])) }}
{% endmacro %}

{% macro get_incremental_delete_insert_sql(arg_dict) %}
  {{ return(adapter.dispatch('get_incremental_delete_insert_sql', 'dbt')(arg_dict)) }}
{% endmacro %}
{% macro default__get_incremental_delete_insert_sql(arg_dict) %}
  {{ return(get_delete_insert_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["unique_key"],
                                        arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{% endmacro %}

{% macro get_incremental_merge_sql(arg_dict) %}
  {{ return(adapter.dispatch('get_incremental_merge_sql', 'dbt')(arg_dict)) }}
{% endmacro %}
{% macro default__get_incremental_merge_sql(arg_dict) %}
  {{ return(get_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["unique_key"],
                          arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{% endmacro %}

{% macro get_incremental_default_sql(arg_dict) %}
  {{ return(adapter.dispatch('get_incremental_default_sql', 'dbt')(arg_dict)) }}
{% endmacro %}
{% macro default__get_incremental_default_sql(arg_dict) %}
  {{ return(get_incremental_append_sql(arg_dict)) }}
{% endmacro %}
{% macro postgres__get_incremental_default_sql(arg_dict) %}
  {#- dbt-postgres: delete+insert when there is a unique key, else append -#}
  {% if arg_dict["unique_key"] %}
    {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
  {% else %}
    {{ return(get_incremental_append_sql(arg_dict)) }}
  {% endif %}
{% endmacro %}
"""#
}

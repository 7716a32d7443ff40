// dbt's helper macros that projects and packages call by name: date ranges for partitioned
// backfills, the pieces of incremental merges and schema-change handling, snapshot and seed
// helpers, test and show SQL. Same arguments and results as dbt Core 1.11's.

extension BuiltinMacros {
    static let helpersPath = "macros/flowc_builtins_helpers.sql"

    static let helpers = #"""
{% macro convert_datetime(date_str, date_fmt) %}
  {%- set problem = "The provided partition date '" ~ date_str ~ "' does not match the expected format '" ~ date_fmt ~ "'" -%}
  {{ return(try_or_compiler_error(problem, modules.datetime.datetime.strptime, date_str.strip(), date_fmt)) }}
{% endmacro %}
{% macro dates_in_range(start_date_str, end_date_str=none, in_fmt="%Y%m%d", out_fmt="%Y%m%d") %}
  {%- set first = convert_datetime(start_date_str, in_fmt) -%}
  {%- set last = convert_datetime(start_date_str if end_date_str is none else end_date_str, in_fmt) -%}
  {%- set days = (last - first).days -%}
  {%- if days < 0 -%}
    {{ exceptions.raise_compiler_error("Partition start date is after the end date (" ~ first ~ ", " ~ last ~ ")", model) }}
  {%- endif -%}
  {%- set dates = [] -%}
  {%- for i in range(days + 1) -%}
    {%- set day = modules.datetime.timedelta(days=i) + first -%}
    {%- do dates.append(day.strftime(out_fmt) if out_fmt else day) -%}
  {%- endfor -%}
  {{ return(dates) }}
{% endmacro %}
{% macro partition_range(raw_partition_date, date_fmt='%Y%m%d') %}
  {%- set parts = (raw_partition_date | string).split(",") -%}
  {%- if parts | length > 2 -%}
    {{ exceptions.raise_compiler_error("Invalid partition time. Expected format: {Start Date}[,{End Date}]. Got: " ~ raw_partition_date) }}
  {%- endif -%}
  {{ return(dates_in_range(parts[0], parts[1] if parts | length == 2 else none, in_fmt=date_fmt)) }}
{% endmacro %}
{% macro py_current_timestring() %}
  {{ return(modules.datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")) }}
{% endmacro %}

{% macro get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) %}
  {{ return(adapter.dispatch('get_merge_update_columns', 'dbt')(merge_update_columns, merge_exclude_columns, dest_columns)) }}
{% endmacro %}
{% macro default__get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) %}
  {%- if merge_update_columns and merge_exclude_columns -%}
    {{ exceptions.raise_compiler_error('Model cannot specify merge_update_columns and merge_exclude_columns. Please update model to use only one config') }}
  {%- elif merge_update_columns -%}
    {{ return(merge_update_columns) }}
  {%- endif -%}
  {%- set excluded = (merge_exclude_columns or []) | map("lower") | list -%}
  {%- set kept = [] -%}
  {%- for column in dest_columns if column.column | lower not in excluded -%}
    {%- do kept.append(column.quoted) -%}
  {%- endfor -%}
  {{ return(kept) }}
{% endmacro %}

{% macro diff_columns(source_columns, target_columns) %}
  {#- the source's columns whose names the target lacks (types are not compared) -#}
  {%- set target_names = target_columns | map(attribute='column') | list -%}
  {%- set missing = [] -%}
  {%- for column in source_columns if column.name not in target_names -%}
    {%- do missing.append(column) -%}
  {%- endfor -%}
  {{ return(missing) }}
{% endmacro %}
{% macro diff_column_data_types(source_columns, target_columns) %}
  {{ return(adapter.dispatch('diff_column_data_types', 'dbt')(source_columns, target_columns)) }}
{% endmacro %}
{% macro default__diff_column_data_types(source_columns, target_columns) %}
  {%- set changed = [] -%}
  {%- for sc in source_columns -%}
    {%- set tc = target_columns | selectattr("name", "equalto", sc.name) | list | first -%}
    {%- if tc and sc.expanded_data_type != tc.expanded_data_type and not sc.can_expand_to(other_column=tc) -%}
      {%- do changed.append({'column_name': tc.name, 'new_type': sc.expanded_data_type}) -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(changed) }}
{% endmacro %}
{% macro check_for_schema_changes(source_relation, target_relation) %}
  {{ return(adapter.dispatch('check_for_schema_changes', 'dbt')(source_relation, target_relation)) }}
{% endmacro %}
{% macro default__check_for_schema_changes(source_relation, target_relation) %}
  {%- set source_columns = adapter.get_columns_in_relation(source_relation) -%}
  {%- set target_columns = adapter.get_columns_in_relation(target_relation) -%}
  {%- set added = diff_columns(source_columns, target_columns) -%}
  {%- set removed = diff_columns(target_columns, source_columns) -%}
  {%- set retyped = diff_column_data_types(source_columns, target_columns) -%}
  {%- set changed = added != [] or removed != [] or retyped != [] -%}
  {% do log("In " ~ target_relation ~ ":\n    Schema changed: " ~ changed ~ "\n    Source columns not in target: " ~ added
            ~ "\n    Target columns not in source: " ~ removed ~ "\n    New column types: " ~ retyped) %}
  {{ return({'schema_changed': changed, 'source_not_in_target': added, 'target_not_in_source': removed,
             'source_columns': source_columns, 'target_columns': target_columns, 'new_target_types': retyped}) }}
{% endmacro %}
{% macro sync_column_schemas(on_schema_change, target_relation, schema_changes_dict) %}
  {{ return(adapter.dispatch('sync_column_schemas', 'dbt')(on_schema_change, target_relation, schema_changes_dict)) }}
{% endmacro %}
{% macro default__sync_column_schemas(on_schema_change, target_relation, schema_changes_dict) %}
  {%- set added = schema_changes_dict['source_not_in_target'] -%}
  {%- set removed = schema_changes_dict['target_not_in_source'] -%}
  {%- set retyped = schema_changes_dict['new_target_types'] -%}
  {%- if on_schema_change == 'append_new_columns' and added -%}
    {% do alter_relation_add_remove_columns(target_relation, added, none) %}
  {%- elif on_schema_change == 'sync_all_columns' -%}
    {%- if added or removed -%}
      {% do alter_relation_add_remove_columns(target_relation, added, removed) %}
    {%- endif -%}
    {%- for change in retyped -%}
      {% do alter_column_type(target_relation, change['column_name'], change['new_type']) %}
    {%- endfor -%}
  {%- endif -%}
  {% do log("In " ~ target_relation ~ ":\n    Schema change approach: " ~ on_schema_change ~ "\n    Columns added: " ~ added
            ~ "\n    Columns removed: " ~ removed ~ "\n    Data types changed: " ~ retyped) %}
{% endmacro %}

{% macro snapshot_hash_arguments(args) -%}
  {{ adapter.dispatch('snapshot_hash_arguments', 'dbt')(args) }}
{%- endmacro %}
{% macro default__snapshot_hash_arguments(args) -%}
    md5({%- for arg in args -%}
        coalesce(cast({{ arg }} as varchar ), '')
        {% if not loop.last %} || '|' || {% endif %}
    {%- endfor -%})
{%- endmacro %}
{% macro snapshot_string_as_time(timestamp) -%}
  {{ adapter.dispatch('snapshot_string_as_time', 'dbt')(timestamp) }}
{%- endmacro %}
{% macro default__snapshot_string_as_time(timestamp) %}
  {% do exceptions.raise_not_implemented('snapshot_string_as_time macro not implemented for adapter ' + adapter.type()) %}
{% endmacro %}
{% macro postgres__snapshot_string_as_time(timestamp) -%}
  {{- "'" ~ timestamp ~ "'::timestamp without time zone" -}}
{%- endmacro %}
{% macro sqlite__snapshot_string_as_time(timestamp) -%}
  {{- "'" ~ timestamp ~ "'" -}}
{%- endmacro %}
{% macro get_snapshot_table_column_names() %}
  {{ return({'dbt_valid_to': 'dbt_valid_to', 'dbt_valid_from': 'dbt_valid_from', 'dbt_scd_id': 'dbt_scd_id',
             'dbt_updated_at': 'dbt_updated_at', 'dbt_is_deleted': 'dbt_is_deleted'}) }}
{% endmacro %}
{% macro get_dbt_valid_to_current(strategy, columns) %}
  {%- set current = config.get('dbt_valid_to_current') or "null" %}
  coalesce(nullif({{ strategy.updated_at }}, {{ strategy.updated_at }}), {{ current }})
  as {{ columns.dbt_valid_to }}
{% endmacro %}

{% macro get_batch_size() -%}
  {{ return(adapter.dispatch('get_batch_size', 'dbt')()) }}
{%- endmacro %}
{% macro default__get_batch_size() %}
  {{ return(10000) }}
{% endmacro %}
{% macro get_binding_char() -%}
  {{ return(adapter.dispatch('get_binding_char', 'dbt')()) }}
{%- endmacro %}
{% macro default__get_binding_char() %}
  {{ return('%s') }}
{% endmacro %}
{% macro sqlite__get_binding_char() %}
  {{ return('?') }}
{% endmacro %}

{% macro get_list_of_column_names(columns) -%}
  {{ return(columns | map(attribute='name') | list) }}
{% endmacro %}
{% macro sql_convert_columns_in_relation(table) -%}
  {%- set columns = [] -%}
  {%- for row in table -%}
    {%- do columns.append(api.Column(*row)) -%}
  {%- endfor -%}
  {{ return(columns) }}
{% endmacro %}
{% macro format_columns(columns) %}
  {%- set formatted = [] -%}
  {%- for column in columns -%}
    {%- do formatted.append(adapter.dispatch('format_column', 'dbt')(column)) -%}
  {%- endfor -%}
  {{ return(formatted) }}
{% endmacro %}
{% macro default__format_column(column) -%}
  {{ return({'name': column.name, 'data_type': column.dtype, 'formatted': column.column.lower() ~ " " ~ column.dtype}) }}
{%- endmacro %}

{% macro get_true_sql() %}
  {{ adapter.dispatch('get_true_sql', 'dbt')() }}
{% endmacro %}
{% macro default__get_true_sql() %}
  {{ return('TRUE') }}
{% endmacro %}
{%- macro get_limit_subquery_sql(sql, limit) -%}
  {{ adapter.dispatch('get_limit_sql', 'dbt')(sql, limit) }}
{%- endmacro -%}
{% macro default__get_limit_sql(sql, limit) %}
  {{ sql }}
  {% if limit is not none %}
  limit {{ limit }}
  {%- endif -%}
{% endmacro %}
{% macro get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
  {{ adapter.dispatch('get_test_sql', 'dbt')(main_sql, fail_calc, warn_if, error_if, limit) }}
{%- endmacro %}
{% macro default__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
    select
      {{ fail_calc }} as failures,
      {{ fail_calc }} {{ warn_if }} as should_warn,
      {{ fail_calc }} {{ error_if }} as should_error
    from (
      {{ main_sql }}
      {{ "limit " ~ limit if limit != none }}
    ) dbt_internal_test
{%- endmacro %}
"""#
}

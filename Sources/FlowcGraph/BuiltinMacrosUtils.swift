// dbt's data type macros (`dbt.type_string()`, …, dispatched like dbt's) and SQLite's versions
// of cross-database macros that PostgreSQL and dbt's defaults write differently (SQLite has no
// right(), to_date() or date arithmetic with intervals). The cross-database macros themselves are
// in BuiltinMacrosCrossDatabase.swift.

extension BuiltinMacros {
    static let utilsPath = "macros/flowc_builtins_utils.sql"

    static let utils = #"""
{% macro type_string() -%}{{ return(adapter.dispatch('type_string', 'dbt')()) }}{%- endmacro %}
{% macro default__type_string() -%}{{ return(api.Column.translate_type('string')) }}{%- endmacro %}
{% macro type_timestamp() -%}{{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}{%- endmacro %}
{% macro default__type_timestamp() -%}{{ return(api.Column.translate_type('timestamp')) }}{%- endmacro %}
{% macro type_float() -%}{{ return(adapter.dispatch('type_float', 'dbt')()) }}{%- endmacro %}
{% macro default__type_float() -%}{{ return(api.Column.translate_type('float')) }}{%- endmacro %}
{% macro type_numeric() -%}{{ return(adapter.dispatch('type_numeric', 'dbt')()) }}{%- endmacro %}
{% macro default__type_numeric() -%}{{ return(api.Column.numeric_type('numeric', 28, 6)) }}{%- endmacro %}
{% macro type_bigint() -%}{{ return(adapter.dispatch('type_bigint', 'dbt')()) }}{%- endmacro %}
{% macro default__type_bigint() -%}{{ return(api.Column.translate_type('bigint')) }}{%- endmacro %}
{% macro type_int() -%}{{ return(adapter.dispatch('type_int', 'dbt')()) }}{%- endmacro %}
{% macro default__type_int() -%}{{ return(api.Column.translate_type('integer')) }}{%- endmacro %}
{% macro type_boolean() -%}{{ return(adapter.dispatch('type_boolean', 'dbt')()) }}{%- endmacro %}
{% macro default__type_boolean() -%}{{ return(api.Column.translate_type('boolean')) }}{%- endmacro %}

{% macro sqlite__right(string_text, length_expression) -%}
    case when {{ length_expression }} = 0 then '' else substr({{ string_text }}, -({{ length_expression }})) end
{%- endmacro %}

{% macro sqlite__date(year, month, day) -%}
    date('{{ "%04d-%02d-%02d" | format(year, month, day) }}')
{%- endmacro %}

{% macro sqlite__current_timestamp_backcompat() -%}datetime('now'){%- endmacro %}
{% macro sqlite__current_timestamp_in_utc_backcompat() -%}datetime('now'){%- endmacro %}

{# SQLite's date() takes the interval as a modifier string, built per row here #}
{% macro sqlite__date_spine_period(datepart, start_date) -%}
    {%- set unit = {'week': 'day', 'quarter': 'month'}.get(datepart, datepart) -%}
    {%- set times = {'week': 7, 'quarter': 3}.get(datepart, 1) -%}
    {{ 'datetime' if datepart in ['hour', 'minute', 'second'] else 'date' }}({{ start_date }}, '+' || ((row_number() over (order by generated_number) - 1) * {{ times }}) || ' {{ unit }}')
{%- endmacro %}
"""#
}

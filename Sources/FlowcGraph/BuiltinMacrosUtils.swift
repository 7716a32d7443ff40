// More of the cross-database helpers dbt's global project has (`dbt.date_spine`, arrays, set
// operators, data types): written for flowc from their documented behaviour, each dispatched
// like dbt's (`default__x`, overridable per adapter or by a project macro). Macros that need the
// warehouse (`get_intervals_between` runs a query) compile over a connection, as dbt's do.

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

{% macro cast_bool_to_text(field) -%}{{ adapter.dispatch('cast_bool_to_text', 'dbt')(field) }}{%- endmacro %}
{% macro default__cast_bool_to_text(field) -%}cast({{ field }} as {{ api.Column.translate_type('string') }}){%- endmacro %}

{% macro right(string_text, length_expression) -%}{{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}{%- endmacro %}
{% macro default__right(string_text, length_expression) -%}right({{ string_text }}, {{ length_expression }}){%- endmacro %}
{% macro sqlite__right(string_text, length_expression) -%}
    case when {{ length_expression }} = 0 then '' else substr({{ string_text }}, -({{ length_expression }})) end
{%- endmacro %}

{% macro date(year, month, day) -%}{{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}{%- endmacro %}
{% macro default__date(year, month, day) -%}
    to_date('{{ "%04d-%02d-%02d" | format(year, month, day) }}', 'YYYY-MM-DD')
{%- endmacro %}
{% macro sqlite__date(year, month, day) -%}
    date('{{ "%04d-%02d-%02d" | format(year, month, day) }}')
{%- endmacro %}

{% macro current_timestamp_backcompat() -%}{{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}{%- endmacro %}
{% macro default__current_timestamp_backcompat() -%}current_timestamp::{{ type_timestamp() }}{%- endmacro %}
{% macro sqlite__current_timestamp_backcompat() -%}datetime('now'){%- endmacro %}
{% macro current_timestamp_in_utc_backcompat() -%}{{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}{%- endmacro %}
{% macro default__current_timestamp_in_utc_backcompat() -%}(current_timestamp at time zone 'utc')::{{ type_timestamp() }}{%- endmacro %}
{% macro sqlite__current_timestamp_in_utc_backcompat() -%}datetime('now'){%- endmacro %}

{% macro intersect() -%}{{ return(adapter.dispatch('intersect', 'dbt')()) }}{%- endmacro %}
{% macro default__intersect() -%}intersect{%- endmacro %}
{% macro except() -%}{{ return(adapter.dispatch('except', 'dbt')()) }}{%- endmacro %}
{% macro default__except() -%}except{%- endmacro %}

{% macro array_construct(inputs=[], data_type=api.Column.translate_type('integer')) -%}
    {{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type)) }}
{%- endmacro %}
{% macro default__array_construct(inputs, data_type) -%}
    {%- if inputs | length > 0 -%}array[ {{ inputs | join(' , ') }} ]{%- else -%}array[]::{{ data_type }}[]{%- endif -%}
{%- endmacro %}
{% macro array_append(array, new_element) -%}{{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}{%- endmacro %}
{% macro default__array_append(array, new_element) -%}array_append({{ array }}, {{ new_element }}){%- endmacro %}
{% macro array_concat(array_1, array_2) -%}{{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}{%- endmacro %}
{% macro default__array_concat(array_1, array_2) -%}array_cat({{ array_1 }}, {{ array_2 }}){%- endmacro %}

{# the exponent of the smallest power of two at least `upper_bound` (at least 1) #}
{% macro get_powers_of_two(upper_bound) -%}{{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}{%- endmacro %}
{% macro default__get_powers_of_two(upper_bound) -%}
    {%- if upper_bound <= 0 -%}{{ exceptions.raise_compiler_error("upper bound must be positive") }}{%- endif -%}
    {%- set ns = namespace(n=1) -%}
    {%- for i in range(1, 64) -%}{%- if 2 ** i < upper_bound -%}{%- set ns.n = i + 1 -%}{%- endif -%}{%- endfor -%}
    {{ return(ns.n) }}
{%- endmacro %}

{# the numbers 1 to upper_bound as `generated_number`: a cross join of 0/1 digits #}
{% macro generate_series(upper_bound) -%}{{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}{%- endmacro %}
{% macro default__generate_series(upper_bound) -%}
    {%- set n = dbt.get_powers_of_two(upper_bound) %}
    with p as (
        select 0 as generated_number union all select 1
    ), unioned as (
    select
    {% for i in range(n) -%}
    p{{ i }}.generated_number * {{ 2 ** i }}{{ " + " if not loop.last }}
    {%- endfor %}
    + 1 as generated_number
    from
    {% for i in range(n) -%}
    p as p{{ i }}{{ " cross join " if not loop.last }}
    {%- endfor %}
    )
    select * from unioned
    where generated_number <= {{ upper_bound }}
    order by generated_number
{%- endmacro %}

{# how many `datepart`s lie between two dates: asks the warehouse (1 while parsing) #}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
    {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
    {%- call statement('get_intervals_between', fetch_result=True) -%}
        select {{ dbt.datediff(start_date, end_date, datepart) }}
    {%- endcall -%}
    {%- set result = load_result('get_intervals_between') -%}
    {%- if result and result['data'] -%}{{ return(result['data'][0][0] | int) }}{%- else -%}{{ return(1) }}{%- endif -%}
{%- endmacro %}

{# one row per `datepart` from start_date up to end_date, as date_<datepart> #}
{% macro date_spine(datepart, start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) -%}
    with rawdata as (
        {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
    ),
    all_periods as (
        select (
            {{ adapter.dispatch('date_spine_period', 'dbt')(datepart, start_date) }}
        ) as date_{{ datepart }}
        from rawdata
    ),
    filtered as (
        select *
        from all_periods
        where date_{{ datepart }} <= {{ end_date }}
    )
    select * from filtered
{%- endmacro %}
{# the n-th period of the spine, n counted from 0 by row_number() #}
{% macro default__date_spine_period(datepart, start_date) -%}
    {{ dbt.dateadd(datepart, "row_number() over (order by generated_number) - 1", start_date) }}
{%- endmacro %}
{# SQLite's date() takes the interval as a modifier string, built per row here #}
{% macro sqlite__date_spine_period(datepart, start_date) -%}
    {%- set unit = {'week': 'day', 'quarter': 'month'}.get(datepart, datepart) -%}
    {%- set times = {'week': 7, 'quarter': 3}.get(datepart, 1) -%}
    {{ 'datetime' if datepart in ['hour', 'minute', 'second'] else 'date' }}({{ start_date }}, '+' || ((row_number() over (order by generated_number) - 1) * {{ times }}) || ' {{ unit }}')
{%- endmacro %}
"""#
}

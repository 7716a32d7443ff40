{# Stripe reports amounts in cents of gold; the treasury counts in gold. #}
{% macro cents_to_gold(column_name, scale=2) -%}
    {{ return(adapter.dispatch('cents_to_gold')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_gold(column_name, scale) -%}
    round(({{ column_name }}) / 100.0, {{ scale }})
{%- endmacro %}

{% macro postgres__cents_to_gold(column_name, scale) -%}
    round(({{ column_name }})::numeric / 100, {{ scale }})
{%- endmacro %}

{% macro safe_divide(numerator, denominator) -%}
    case when coalesce({{ denominator }}, 0) = 0 then null else ({{ numerator }}) * 1.0 / ({{ denominator }}) end
{%- endmacro %}

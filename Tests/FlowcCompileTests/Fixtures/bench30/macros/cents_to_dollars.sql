{# Convert an integer amount in cents to a dollar amount (2 decimals). #}
{% macro cents_to_dollars(column_name, scale=2) -%}
    {{ return(adapter.dispatch('cents_to_dollars')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name, scale) -%}
    CAST(({{ column_name }}) / 100.0 AS NUMERIC(16, {{ scale }}))
{%- endmacro %}

{% macro postgres__cents_to_dollars(column_name, scale) -%}
    (({{ column_name }})::numeric / 100)::numeric(16, {{ scale }})
{%- endmacro %}

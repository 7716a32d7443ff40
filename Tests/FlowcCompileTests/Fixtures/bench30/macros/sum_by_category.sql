{# Pivot helper: one SUM(CASE ...) column per category value. #}
{% macro sum_by_category(category_column, categories, value_column, suffix='_amount') -%}
    {%- for category in categories %}
        SUM(CASE WHEN {{ category_column }} = '{{ category }}' THEN {{ value_column }} ELSE 0 END) AS {{ category }}{{ suffix }}
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro safe_divide(numerator, denominator) -%}
    CASE WHEN ({{ denominator }}) = 0 THEN NULL ELSE ({{ numerator }}) * 1.0 / ({{ denominator }}) END
{%- endmacro %}

{% macro pkgx_double(x) %}{{ x * 2 }}{% endmacro %}

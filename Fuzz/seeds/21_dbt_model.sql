{{ config(materialized="table") if config is defined }}select {% for c in cols %}
    {{ c }} as {{ c | lower }}{% if not loop.last %},{% endif %}
{%- endfor %}
from {{ name }}
{% if flag %}where 1 = 1{% endif %}
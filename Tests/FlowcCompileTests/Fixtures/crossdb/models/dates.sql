select
{% for p in ['year','quarter','month','week','day','hour','minute','second','millisecond','microsecond'] %}
  {{ dbt.datediff("'2020-01-01'::timestamp", "created_at", p) }} as dd_{{ p }},
  {{ dbt.dateadd(p, 3, "created_at") }} as da_{{ p }},
  {{ dbt.date_trunc(p, "created_at") }} as dt_{{ p }},
{% endfor %}
{% for p in ['year','quarter','month','week','day'] %}
  {{ dbt.last_day("created_at", p) }} as ld_{{ p }},
{% endfor %}
  {{ dbt.current_timestamp() }} as now1,
  {{ dbt.type_string() }} as t1, {{ dbt.type_timestamp() }} as t2, {{ dbt.type_int() }} as t3, {{ dbt.type_bigint() }} as t4,
  {{ dbt.type_float() }} as t5, {{ dbt.type_numeric() }} as t6, {{ dbt.type_boolean() }} as t7,
  1 as x
from src

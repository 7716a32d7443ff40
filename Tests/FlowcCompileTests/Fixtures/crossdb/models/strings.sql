select
  {{ dbt.concat(["a", "'-'", "b"]) }} as c1,
  {{ dbt.hash("a") }} as h1,
  {{ dbt.safe_cast("a", api.Column.translate_type("integer")) }} as sc1,
  {{ dbt.cast_bool_to_text("flag") }} as cb,
  {{ dbt.any_value("a") }} as av,
  {{ dbt.bool_or("flag") }} as bo,
  {{ dbt.listagg("a", "','", "order by a", 3) }} as la1,
  {{ dbt.listagg("a") }} as la2,
  {{ dbt.listagg("a", "'|'", none, 2) }} as la3,
  {{ dbt.equals("a", "b") }} as eq,
  {{ dbt.array_construct([]) }} as ac0,
  {{ dbt.split_part("a", "','", 2) }} as sp,
  {{ dbt.split_part("a", "','", -1) }} as sp2,
  {{ dbt.string_literal("it's") }} as sl,
  {{ dbt.escape_single_quotes("it's") }} as esq,
  {{ dbt.right("a", 3) }} as r,
  {{ dbt.length("a") }} as len,
  {{ dbt.position("'x'", "a") }} as pos,
  {{ dbt.replace("a", "'x'", "'y'") }} as rep,
  {{ dbt.array_construct(["1","2"], "integer") }} as ac,
  {{ dbt.array_append("arr", "3") }} as aa,
  {{ dbt.array_concat("arr", "arr") }} as acn,
  {{ dbt.cast("a", dbt.type_string()) }} as cst,
  {{ dbt.date(2024, 3, 5) }} as d1,
  {{ dbt.current_timestamp_backcompat() }} as ctb,
  {{ dbt.current_timestamp_in_utc_backcompat() }} as ctu,
  1 as x
from src
{{ dbt.except() }}
select 1
{{ dbt.intersect() }}
select 2

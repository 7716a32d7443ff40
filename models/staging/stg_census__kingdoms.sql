{#- The latest census of each kingdom. -#}
with ranked as (

    select
        kingdom_id,
        census_year,
        population,
        households,
        row_number() over (partition by kingdom_id order by census_year desc) as recency
    from {{ ref('census') }}

)

select
    kingdoms.kingdom_id,
    kingdoms.kingdom_name,
    kingdoms.region,
    kingdoms.ruler,
    ranked.census_year,
    ranked.population,
    ranked.households
from {{ ref('kingdoms') }} as kingdoms
left join ranked
    on ranked.kingdom_id = kingdoms.kingdom_id
   and ranked.recency = 1

with recursive days as (
    select date '2020-01-01' as day
    union all
    select (day + interval '1 day')::date from days where day < date '2020-01-31'
)
select day from days
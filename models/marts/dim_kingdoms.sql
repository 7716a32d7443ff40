-- Which kingdoms pay well and on time: gold paid, share paid on time, gold per subject.
with payments as (

    select
        kingdom_id,
        count(*) as payment_count,
        sum(amount_gold) as gold_paid,
        sum(paid_on_time) as on_time_count
    from {{ ref('fct_payments') }}
    group by kingdom_id

)

select
    kingdoms.kingdom_id,
    kingdoms.kingdom_name,
    kingdoms.region,
    kingdoms.population,
    coalesce(payments.payment_count, 0) as payment_count,
    coalesce(payments.gold_paid, 0) as gold_paid,
    {{ safe_divide('payments.on_time_count', 'payments.payment_count') }} as on_time_share,
    {{ safe_divide('payments.gold_paid', 'kingdoms.population') }} as gold_per_subject
from {{ ref('stg_census__kingdoms') }} as kingdoms
left join payments
    on payments.kingdom_id = kingdoms.kingdom_id


with  __dbt__cte__int_orders_with_customers_0125 as (


select
    o.order_id,
    o.customer_id,
    o.order_date,
    o.order_month,
    o.status,
    o.amount,
    c.customer_tier
from main."int_orders_blended_0112" as o
inner join main."int_customers_active_0116" as c
    on o.customer_id = c.customer_id
), unioned as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        1 as source_rank
    from main."int_orders_enriched_0126"

    union all

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        2 as source_rank
    from __dbt__cte__int_orders_with_customers_0125

),

ranked as (

    select
        unioned.*,
        ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY source_rank) as rn
    from unioned

)

select
    order_id,
    customer_id,
    order_date,
    order_month,
    status,
    amount
from ranked
where rn = 1
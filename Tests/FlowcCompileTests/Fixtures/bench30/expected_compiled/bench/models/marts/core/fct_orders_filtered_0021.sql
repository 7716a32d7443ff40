

with  __dbt__cte__int_orders_blended_0018 as (


select
    a.order_id,
    a.customer_id,
    a.order_date,
    a.order_month,
    a.status,
    CAST((a.amount + COALESCE(b.amount, a.amount)) / 2.0 AS NUMERIC(16, 2)) as amount
from main."int_orders_blended_0012" as a
left join main."int_orders_enriched_0008" as b
    on a.order_id = b.order_id
), orders as (

    select * from __dbt__cte__int_orders_blended_0018

),

filtered as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        CAST(amount * 0.95 AS NUMERIC(16, 2)) as amount
    from orders
    where amount >= 0
      and order_date >= '2018-01-01'

)

select * from filtered
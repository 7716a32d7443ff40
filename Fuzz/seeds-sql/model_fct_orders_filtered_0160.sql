

with orders as (

    select * from main."int_orders_enriched_0126"

),

filtered as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        CAST(amount * 1.05 AS NUMERIC(16, 2)) as amount
    from orders
    where amount >= 0
      and order_date >= '2018-01-01'
      and status in ('placed', 'shipped', 'completed')

)

select * from filtered


with orders as (

    select * from main."int_orders_with_customers_0016"

),

filtered as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        CAST(amount * 1.00 AS NUMERIC(16, 2)) as amount
    from orders
    where amount >= 0
      and order_date >= '2018-01-01'
      and status in ('placed', 'completed', 'return_pending', 'returned')

)

select * from filtered
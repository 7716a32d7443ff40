

with orders as (

    select * from main."stg_erp01__orders"

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

)

select * from filtered
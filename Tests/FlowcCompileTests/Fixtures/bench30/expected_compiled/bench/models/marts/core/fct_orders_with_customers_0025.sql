

with orders as (

    select * from main."int_orders_filtered_0020"

),

customers as (

    select customer_id, customer_tier from main."int_customers_payments_0003"

)

select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.order_month,
    orders.status,
    orders.amount,
    customers.customer_tier
from orders
inner join customers
    on orders.customer_id = customers.customer_id
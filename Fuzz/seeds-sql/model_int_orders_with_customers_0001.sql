

with orders as (

    select * from main."stg_erp04__orders"

),

customers as (

    select customer_id, customer_tier from main."stg_erp06__customers"

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
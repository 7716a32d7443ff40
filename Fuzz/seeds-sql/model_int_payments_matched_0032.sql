

with payments as (

    select * from main."int_payments_weighted_0017"

),

orders as (

    select distinct order_id from main."int_orders_filtered_0018"

)

select
    payments.payment_id,
    payments.order_id,
    payments.payment_method,
    payments.amount
from payments
inner join orders
    on payments.order_id = orders.order_id
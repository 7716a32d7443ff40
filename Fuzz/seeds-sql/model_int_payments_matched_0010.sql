

with payments as (

    select * from main."stg_erp01__payments"

),

orders as (

    select distinct order_id from main."stg_erp07__orders"

)

select
    payments.payment_id,
    payments.order_id,
    payments.payment_method,
    payments.amount
from payments
inner join orders
    on payments.order_id = orders.order_id
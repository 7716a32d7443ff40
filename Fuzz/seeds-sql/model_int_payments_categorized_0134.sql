

with payments as (

    select * from main."int_payments_incremental_0120"

),

categories as (

    select * from main."payment_method_categories"

)

select
    payments.payment_id,
    payments.order_id,
    payments.payment_method,
    payments.amount,
    COALESCE(categories.category, 'other') as payment_category,
    COALESCE(categories.is_cash_equivalent, 0) as is_cash_equivalent
from payments
left join categories
    on payments.payment_method = categories.payment_method


select
    payment_id,
    order_id,
    payment_method,
    amount
from main."int_payments_weighted_0094"

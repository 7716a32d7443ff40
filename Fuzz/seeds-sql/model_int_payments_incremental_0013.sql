

select
    payment_id,
    order_id,
    payment_method,
    amount
from main."stg_erp07__payments"



select
    order_id,
    customer_id,
    order_date,
    order_month,
    status,
    amount
from main."stg_erp04__orders"


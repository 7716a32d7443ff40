

select
    order_id,
    customer_id,
    order_date,
    order_month,
    status,
    amount
from main."int_orders_filtered_0049"


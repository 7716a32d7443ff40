

select
    a.order_id,
    a.customer_id,
    a.order_date,
    a.order_month,
    a.status,
    CAST((a.amount + COALESCE(b.amount, a.amount)) / 2.0 AS NUMERIC(16, 2)) as amount
from main."int_orders_filtered_0135" as a
left join main."int_orders_with_customers_0090" as b
    on a.order_id = b.order_id
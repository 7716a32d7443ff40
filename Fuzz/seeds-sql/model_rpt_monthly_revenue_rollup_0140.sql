
with orders as (

    select * from main."int_orders_blended_0127"

)

select
    order_month,
    CAST(COUNT(*) AS INTEGER) as order_count,
    CAST(SUM(amount) AS NUMERIC(16, 2)) as revenue,
    SUM(CASE WHEN status = 'placed' THEN 1 ELSE 0 END) as placed_orders,
    SUM(CASE WHEN status = 'shipped' THEN 1 ELSE 0 END) as shipped_orders,
    SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) as completed_orders,
    SUM(CASE WHEN status = 'return_pending' THEN 1 ELSE 0 END) as return_pending_orders,
    SUM(CASE WHEN status = 'returned' THEN 1 ELSE 0 END) as returned_orders,
    COUNT(DISTINCT customer_id) as customer_count
from orders
group by order_month
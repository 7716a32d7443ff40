

with monthly as (

    select * from main."int_monthly_rollup_0014"

),

orders as (

    select
        order_month,
        COUNT(*) as extra_orders,
        SUM(amount) as extra_revenue
    from main."int_orders_incremental_0005"
    group by order_month

)

select
    monthly.order_month,
    CAST(monthly.order_count + COALESCE(orders.extra_orders, 0) AS INTEGER) as order_count,
    CAST(monthly.revenue + COALESCE(orders.extra_revenue, 0) AS NUMERIC(16, 2)) as revenue,
    CASE WHEN (monthly.order_count) = 0 THEN NULL ELSE (monthly.revenue) * 1.0 / (monthly.order_count) END as avg_order_value
from monthly
left join orders
    on monthly.order_month = orders.order_month

select
    order_month,
    order_count,
    revenue,
    SUM(revenue) OVER (
        ORDER BY order_month
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) as cumulative_revenue
from main."int_monthly_rollup_0123"
where order_month >= '2018-01'
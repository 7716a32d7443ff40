select
    a.order_month,
    a.order_count,
    CAST(a.revenue + COALESCE(b.revenue, 0) AS NUMERIC(16, 2)) as revenue
from main."int_monthly_rollup_0123" as a
left join main."int_monthly_cumulative_0109" as b
    on a.order_month = b.order_month
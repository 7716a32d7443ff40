

select
    a.order_id,
    a.customer_id,
    a.order_date,
    a.order_month,
    a.status,
    CAST((a.amount + COALESCE(b.amount, a.amount)) / 2.0 AS NUMERIC(16, 2)) as amount
from main."stg_erp07__orders" as a
left join main."stg_erp04__orders" as b
    on a.order_id = b.order_id
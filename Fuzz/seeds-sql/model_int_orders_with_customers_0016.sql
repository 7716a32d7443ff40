

select
    o.order_id,
    o.customer_id,
    o.order_date,
    o.order_month,
    o.status,
    o.amount,
    c.customer_tier
from main."stg_jaffle__orders" as o
inner join main."stg_erp01__customers" as c
    on o.customer_id = c.customer_id
{{ config(materialized='ephemeral') }}

select
    a.order_id,
    a.customer_id,
    a.order_date,
    a.order_month,
    a.status,
    CAST((a.amount + COALESCE(b.amount, a.amount)) / 2.0 AS NUMERIC(16, 2)) as amount
from {{ ref('int_orders_blended_0012') }} as a
left join {{ ref('int_orders_enriched_0008') }} as b
    on a.order_id = b.order_id

{%- set statuses = var('order_statuses') %}
with orders as (

    select * from {{ ref('int_orders_blended_0012') }}

)

select
    order_month,
    CAST(COUNT(*) AS INTEGER) as order_count,
    CAST(SUM(amount) AS NUMERIC(16, 2)) as revenue,
    {%- for status in statuses %}
    SUM(CASE WHEN status = '{{ status }}' THEN 1 ELSE 0 END) as {{ status }}_orders,
    {%- endfor %}
    COUNT(DISTINCT customer_id) as customer_count
from orders
group by order_month

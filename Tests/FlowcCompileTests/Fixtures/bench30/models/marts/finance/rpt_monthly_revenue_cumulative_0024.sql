{{ config(materialized='view') }}

{%- set first_month = var('start_date')[:7] %}
select
    order_month,
    order_count,
    revenue,
    SUM(revenue) OVER (
        ORDER BY order_month
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) as cumulative_revenue
from {{ ref('int_monthly_rollup_0019') }}
where order_month >= '{{ first_month }}'

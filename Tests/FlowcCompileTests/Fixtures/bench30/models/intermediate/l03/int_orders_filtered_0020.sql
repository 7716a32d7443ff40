{{ config(materialized='table') }}

{%- set min_amount = var('min_order_amount', 0) %}
{%- set keep_statuses = ['placed', 'shipped', 'completed', 'returned'] %}
{# Filter and rescale upstream orders. #}
with orders as (

    select * from {{ ref('int_orders_blended_0012') }}

),

filtered as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        CAST(amount * 1.10 AS NUMERIC(16, 2)) as amount
    from orders
    where amount >= {{ min_amount }}
      and order_date >= '{{ var("start_date") }}'
    {%- if keep_statuses | length < 5 %}
      and status in ({% for s in keep_statuses %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %})
    {%- endif %}

)

select * from filtered

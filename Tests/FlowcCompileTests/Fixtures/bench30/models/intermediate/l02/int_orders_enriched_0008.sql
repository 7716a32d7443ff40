{{ config(materialized='table') }}

{%- set payment_methods = var('payment_methods') %}
with orders as (

    select * from {{ ref('int_orders_with_customers_0005') }}

),

payments as (

    select * from {{ ref('stg_jaffle__payments') }}

),

order_payments as (

    select
        order_id,
        {{ sum_by_category('payment_method', payment_methods, 'amount') }},
        SUM(amount) as total_paid
    from payments
    group by order_id

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.order_date,
        orders.order_month,
        orders.status,
        CAST(COALESCE(order_payments.total_paid, orders.amount) AS NUMERIC(16, 2)) as amount,
        {%- for method in payment_methods %}
        COALESCE(order_payments.{{ method }}_amount, 0) as {{ method }}_amount,
        {%- endfor %}
        CASE WHEN order_payments.order_id IS NULL THEN 0 ELSE 1 END as has_payment
    from orders
    left join order_payments
        on orders.order_id = order_payments.order_id

)

select * from final

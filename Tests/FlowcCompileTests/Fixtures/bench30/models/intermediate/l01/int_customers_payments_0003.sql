{%- set payment_methods = var('payment_methods') %}
with customers as (

    select * from {{ ref('stg_jaffle__customers') }}

),

orders as (

    select * from {{ ref('stg_erp01__orders') }}

),

payments as (

    select * from {{ ref('stg_jaffle__payments') }}

),

customer_payments as (

    select
        orders.customer_id,
        {{ sum_by_category('payments.payment_method', payment_methods, 'payments.amount', suffix='_paid') }},
        SUM(payments.amount) as total_paid
    from payments
    inner join orders
        on payments.order_id = orders.order_id
    group by orders.customer_id

)

select
    customers.customer_id,
    customers.customer_name,
    customers.signup_date,
    CASE
        WHEN COALESCE(customer_payments.total_paid, 0) >= {{ var('high_value_threshold') }} THEN 'high'
        WHEN COALESCE(customer_payments.total_paid, 0) > 0 THEN 'medium'
        ELSE customers.customer_tier
    END as customer_tier,
    {%- for method in payment_methods %}
    COALESCE(customer_payments.{{ method }}_paid, 0) as {{ method }}_paid,
    {%- endfor %}
    CAST(COALESCE(customer_payments.total_paid, 0) AS NUMERIC(16, 2)) as total_paid
from customers
left join customer_payments
    on customers.customer_id = customer_payments.customer_id


with customers as (

    select * from main."int_customers_merged_0124"

),

orders as (

    select * from main."int_orders_with_customers_0128"

),

customer_orders as (

    select
        customer_id,
        MIN(order_date) as first_order_date,
        MAX(order_date) as most_recent_order_date,
        COUNT(order_id) as number_of_orders,
        SUM(amount) as total_amount
    from orders
    group by customer_id

)

select
    customers.customer_id,
    customers.customer_name,
    customers.signup_date,
    CASE
        WHEN COALESCE(customer_orders.total_amount, 0) >= 100 THEN 'high'
        WHEN COALESCE(customer_orders.total_amount, 0) >= 50.0 THEN 'medium'
        WHEN COALESCE(customer_orders.total_amount, 0) >= 0.01 THEN 'low'
        ELSE 'new'
    END as customer_tier,
    customer_orders.first_order_date,
    customer_orders.most_recent_order_date,
    CAST(COALESCE(customer_orders.number_of_orders, 0) AS INTEGER) as number_of_orders,
    CAST(COALESCE(customer_orders.total_amount, 0) AS NUMERIC(16, 2)) as lifetime_value
from customers
left join customer_orders
    on customers.customer_id = customer_orders.customer_id
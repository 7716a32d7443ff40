with customers as (
    select * from {{ ref('stg_customers') }}
),
orders as (
    select * from {{ ref('stg_orders') }}
),
payments as (
    select * from {{ source('raw', 'payments') }}
),
order_counts as (
    select customer_id, count(*) as order_count
    from orders
    where amount > {{ var('min_amount') }}
    group by customer_id
),
paid as (
    select customer_id, sum(amount) as total_paid
    from payments
    group by customer_id
)
select
    c.id as customer_id,
    c.email,
    case when c.email like '%@%.%' then true else false end as is_valid_email,
    coalesce(oc.order_count, 0) as order_count,
    coalesce(p.total_paid, 0) as total_paid
from customers c
left join order_counts oc on oc.customer_id = c.id
left join paid p on p.customer_id = c.id

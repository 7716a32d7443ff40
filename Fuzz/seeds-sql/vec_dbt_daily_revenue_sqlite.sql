with valid_orders as (
    select * from orders where status != 'cancelled'
),
daily as (
    select order_date as day, count(*) as orders, sum(amount) as revenue
    from valid_orders
    group by order_date
)
select day, orders, revenue, revenue / orders as avg_order_value
from daily
order by day
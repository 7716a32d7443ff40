with base as (select id, customer_id, amount, status from orders),
completed as (select * from base where status = 'completed'),
per_customer as (select customer_id, count(*) as n, sum(amount) as revenue from completed group by customer_id)
select customer_id, n, revenue, revenue / n as avg_revenue from per_customer
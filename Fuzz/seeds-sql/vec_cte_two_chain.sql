with o as (select id, customer_id, amount from orders),
totals as (select customer_id, sum(amount) as total from o group by customer_id)
select customer_id, total from totals
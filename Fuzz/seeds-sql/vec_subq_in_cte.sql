with big as (select customer_id from orders where amount > 500)
select id, email from customers where id in (select customer_id from big)
with j as (select o.id as order_id, o.amount, c.country from orders o join customers c on c.id = o.customer_id)
select * from j
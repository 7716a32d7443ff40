with c as (select id as customer_id, country from customers),
o as (select id as order_id, customer_id as buyer_id, amount from orders)
select c.*, o.* from c join o on o.buyer_id = c.customer_id
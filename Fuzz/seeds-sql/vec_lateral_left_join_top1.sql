select c.id, last_o.order_date
from customers c
left join lateral (select o.order_date from orders o where o.customer_id = c.id order by o.order_date desc limit 1) last_o on true
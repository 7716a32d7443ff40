select c.email, t.total
from customers c
join (select customer_id, sum(amount) as total from orders group by customer_id) t on t.customer_id = c.id
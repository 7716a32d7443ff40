select o.id, c.email, p.method
from orders o
join customers c on c.id = o.customer_id
left join payments p on p.order_id = o.id
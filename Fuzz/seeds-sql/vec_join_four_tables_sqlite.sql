select o.id as order_id, c.email, p.name as product_name, i.quantity
from orders o
join customers c on c.id = o.customer_id
join order_items i on i.order_id = o.id
join products p on p.id = i.product_id
where p.category = 'books'
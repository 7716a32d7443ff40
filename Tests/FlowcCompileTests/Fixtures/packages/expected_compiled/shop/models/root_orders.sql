
select o.order_id, c.customer_name
from main."base_orders" o
join main."pkg_customers" c on c.id = o.customer_id
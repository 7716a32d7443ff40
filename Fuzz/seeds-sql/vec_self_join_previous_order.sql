select cur.id, prev.amount as prev_amount, cur.amount - prev.amount as delta
from orders cur join orders prev on prev.customer_id = cur.customer_id and prev.order_date < cur.order_date
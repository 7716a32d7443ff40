with o as (select customer_id, amount from orders)
select a.customer_id, a.amount, b.amount as other_amount
from o a join o b on a.customer_id = b.customer_id and a.amount < b.amount
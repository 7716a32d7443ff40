select x.customer_id, x.n
from (select customer_id, count(*) as n
      from (select customer_id from orders where amount > 0) y
      group by customer_id) x
where x.n > 1


select amount
from main."fct_orders_with_customers_0025"
where amount < 0


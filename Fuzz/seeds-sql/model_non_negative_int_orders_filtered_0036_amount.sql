

select amount
from main."int_orders_filtered_0036"
where amount < 0


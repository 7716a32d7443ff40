

select amount
from main."int_orders_wide_0020"
where amount < 0


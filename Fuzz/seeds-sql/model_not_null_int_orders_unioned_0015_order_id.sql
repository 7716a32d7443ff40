
    
    



select order_id
from main."int_orders_unioned_0015"
where order_id is null



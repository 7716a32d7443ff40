
    
    



select order_id
from main."int_orders_filtered_0001"
where order_id is null



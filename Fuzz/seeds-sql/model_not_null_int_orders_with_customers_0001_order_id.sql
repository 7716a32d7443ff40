
    
    



select order_id
from main."int_orders_with_customers_0001"
where order_id is null



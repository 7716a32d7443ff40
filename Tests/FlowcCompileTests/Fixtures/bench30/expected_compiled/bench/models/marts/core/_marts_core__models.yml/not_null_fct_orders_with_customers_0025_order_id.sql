
    
    



select order_id
from main."fct_orders_with_customers_0025"
where order_id is null



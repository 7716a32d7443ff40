
    
    



select order_id
from main."stg_jaffle__orders"
where order_id is null



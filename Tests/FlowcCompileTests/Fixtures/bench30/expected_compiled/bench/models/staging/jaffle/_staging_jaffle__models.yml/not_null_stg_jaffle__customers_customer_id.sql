
    
    



select customer_id
from main."stg_jaffle__customers"
where customer_id is null




    
    



select id
from main."raw_orders"
where id is null




    
    



select id
from main."raw_customers"
where id is null



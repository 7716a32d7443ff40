
    
    



select id
from main."pkg_customers"
where id is null



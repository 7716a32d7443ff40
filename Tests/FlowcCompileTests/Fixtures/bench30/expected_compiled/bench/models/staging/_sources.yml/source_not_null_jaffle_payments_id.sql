
    
    



select id
from main."raw_payments"
where id is null



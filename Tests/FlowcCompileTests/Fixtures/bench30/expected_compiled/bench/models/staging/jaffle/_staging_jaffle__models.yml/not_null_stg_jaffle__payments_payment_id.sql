
    
    



select payment_id
from main."stg_jaffle__payments"
where payment_id is null



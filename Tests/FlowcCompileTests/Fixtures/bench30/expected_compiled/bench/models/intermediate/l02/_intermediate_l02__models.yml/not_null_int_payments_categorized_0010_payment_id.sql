
    
    



select payment_id
from main."int_payments_categorized_0010"
where payment_id is null




    
    



select payment_method
from main."payment_method_categories"
where payment_method is null



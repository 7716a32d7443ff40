
    
    

select
    payment_method as unique_field,
    count(*) as n_records

from main."payment_method_categories"
where payment_method is not null
group by payment_method
having count(*) > 1



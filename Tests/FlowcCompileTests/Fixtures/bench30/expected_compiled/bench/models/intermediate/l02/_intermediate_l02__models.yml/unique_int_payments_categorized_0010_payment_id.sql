
    
    

select
    payment_id as unique_field,
    count(*) as n_records

from main."int_payments_categorized_0010"
where payment_id is not null
group by payment_id
having count(*) > 1



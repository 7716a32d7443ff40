
    
    

select
    order_id as unique_field,
    count(*) as n_records

from main."int_orders_with_customers_0001"
where order_id is not null
group by order_id
having count(*) > 1



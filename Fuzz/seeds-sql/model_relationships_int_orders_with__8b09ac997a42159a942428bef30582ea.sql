
    
    

with child as (
    select customer_id as from_field
    from main."int_orders_with_customers_0001"
    where customer_id is not null
),

parent as (
    select customer_id as to_field
    from main."stg_jaffle__customers"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



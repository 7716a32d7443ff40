with ranked as (
    select id, customer_id, row_number() over (partition by customer_id order by order_date desc) as rn
    from orders
)
select id, customer_id from ranked where rn = 1
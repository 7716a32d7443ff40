
with unioned as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        1 as source_rank
    from main."int_orders_filtered_0044"

    union all

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        2 as source_rank
    from main."int_orders_blended_0023"

),

ranked as (

    select
        unioned.*,
        ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY source_rank) as rn
    from unioned

)

select
    order_id,
    customer_id,
    order_date,
    order_month,
    status,
    amount
from ranked
where rn = 1
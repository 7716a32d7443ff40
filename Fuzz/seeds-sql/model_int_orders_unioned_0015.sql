
with unioned as (

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        1 as source_rank
    from main."stg_erp03__orders"

    union all

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        2 as source_rank
    from main."stg_jaffle__orders"

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
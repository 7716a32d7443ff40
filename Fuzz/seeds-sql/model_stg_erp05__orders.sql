with source as (

    select * from main."raw_orders"

),

renamed as (

    select
        CAST(id AS INTEGER) as order_id,
        CAST(user_id AS INTEGER) as customer_id,
        CAST(order_date AS VARCHAR(10)) as order_date,
        SUBSTR(CAST(order_date AS VARCHAR(10)), 1, 7) as order_month,
        CAST(status AS VARCHAR(20)) as status,
        CAST(amount_cents / 100.0 AS NUMERIC(16, 2)) as amount
    from source

)

select * from renamed
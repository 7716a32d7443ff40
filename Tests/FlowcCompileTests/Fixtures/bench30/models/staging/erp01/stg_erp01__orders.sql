with source as (

    select * from {{ source('erp01', 'orders') }}

),

renamed as (

    select
        CAST(id AS INTEGER) as order_id,
        CAST(user_id AS INTEGER) as customer_id,
        CAST(order_date AS VARCHAR(10)) as order_date,
        SUBSTR(CAST(order_date AS VARCHAR(10)), 1, 7) as order_month,
        CAST(status AS VARCHAR(20)) as status,
        {{ cents_to_dollars('amount_cents') }} as amount
    from source

)

select * from renamed

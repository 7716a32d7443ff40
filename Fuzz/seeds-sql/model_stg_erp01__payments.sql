

with source as (

    select * from main."raw_payments"

),

renamed as (

    select
        CAST(id AS INTEGER) as payment_id,
        CAST(order_id AS INTEGER) as order_id,
        CAST(payment_method AS VARCHAR(20)) as payment_method,
        -- amount is stored in cents
        CAST((amount) / 100.0 AS NUMERIC(16, 2)) as amount
    from source

)

select * from renamed
    where payment_method in ('credit_card', 'coupon', 'bank_transfer', 'gift_card')
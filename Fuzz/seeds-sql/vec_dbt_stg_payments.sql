with source as (
    select * from raw.payments
),
renamed as (
    select
        id as payment_id,
        orderid as order_id,
        paymentmethod as payment_method,
        -- amount is stored in cents, convert it to dollars
        amount / 100.0 as amount
    from source
)
select * from renamed
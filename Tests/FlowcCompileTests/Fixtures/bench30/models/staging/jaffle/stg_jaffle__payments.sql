{{ config(materialized='view') }}

with source as (

    select * from {{ source('jaffle', 'payments') }}

),

renamed as (

    select
        CAST(id AS INTEGER) as payment_id,
        CAST(order_id AS INTEGER) as order_id,
        CAST(payment_method AS VARCHAR(20)) as payment_method,
        -- amount is stored in cents
        {{ cents_to_dollars('amount') }} as amount
    from source

)

select * from renamed

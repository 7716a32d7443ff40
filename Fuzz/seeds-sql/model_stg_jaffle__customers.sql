

with source as (

    select * from main."raw_customers"

),

renamed as (

    select
        CAST(id AS INTEGER) as customer_id,
        first_name || ' ' || last_name as customer_name,
        CAST(signup_date AS VARCHAR(10)) as signup_date,
        'new' as customer_tier,
        email
    from source

)

select * from renamed

select
    customer_id,
    LOWER(customer_name) as customer_name,
    signup_date,
    customer_tier
from main."dim_customers_payments_0159"
where signup_date >= '2017-01-01'
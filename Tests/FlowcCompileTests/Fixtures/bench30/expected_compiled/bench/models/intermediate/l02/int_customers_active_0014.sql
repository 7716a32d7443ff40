
select
    customer_id,
    TRIM(customer_name) as customer_name,
    signup_date,
    customer_tier
from main."int_customers_payments_0003"
where signup_date >= '2017-01-01'
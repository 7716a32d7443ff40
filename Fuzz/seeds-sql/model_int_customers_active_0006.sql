
select
    customer_id,
    TRIM(customer_name) as customer_name,
    signup_date,
    customer_tier
from main."stg_erp01__customers"
where signup_date >= '2017-01-01'
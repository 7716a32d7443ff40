

with __dbt__cte__int_customers_merged_0133 as (


select
    a.customer_id,
    a.customer_name,
    a.signup_date,
    CASE
        WHEN a.customer_tier = 'high' OR b.customer_tier = 'high' THEN 'high'
        ELSE a.customer_tier
    END as customer_tier
from main."int_customers_active_0116" as a
inner join main."int_customers_active_0110" as b
    on a.customer_id = b.customer_id
) select
    a.customer_id,
    a.customer_name,
    a.signup_date,
    CASE
        WHEN a.customer_tier = 'high' OR b.customer_tier = 'high' THEN 'high'
        ELSE a.customer_tier
    END as customer_tier
from __dbt__cte__int_customers_merged_0133 as a
inner join main."int_customers_active_0089" as b
    on a.customer_id = b.customer_id
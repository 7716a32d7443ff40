

select
    a.customer_id,
    a.customer_name,
    a.signup_date,
    CASE
        WHEN a.customer_tier = 'high' OR b.customer_tier = 'high' THEN 'high'
        ELSE a.customer_tier
    END as customer_tier
from main."stg_erp03__customers" as a
inner join main."stg_erp02__customers" as b
    on a.customer_id = b.customer_id
select
    substr(signed_up_at, 1, 7) as signup_month,
    count(*) as customers
from {{ ref('stg_customers') }}
group by 1

select
    id as customer_id,
    name as customer_name,
    signed_up_at
from {{ ref('raw_customers') }}

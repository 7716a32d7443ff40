select
    md5(cast(coalesce(cast(id as text), '') || '-' || coalesce(cast(customer_id as text), '') as text)) as order_key,
    id as order_id
from orders
-- Payments must never be negative after conversion to dollars.
select payment_id, amount
from {{ ref('stg_jaffle__payments') }}
where amount < 0

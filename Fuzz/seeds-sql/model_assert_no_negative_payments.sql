-- Payments must never be negative after conversion to dollars.
select payment_id, amount
from main."stg_jaffle__payments"
where amount < 0
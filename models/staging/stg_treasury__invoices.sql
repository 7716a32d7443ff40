select
    invoice_id,
    kingdom_id,
    issued_at,
    due_date,
    {{ cents_to_gold('amount_due_cents') }} as amount_due_gold
from {{ ref('invoices') }}

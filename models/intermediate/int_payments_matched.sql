-- Successful payments matched to the invoice they settle, with how late they came.
select
    payments.payment_id,
    payments.kingdom_id,
    payments.invoice_id,
    payments.amount_gold,
    payments.paid_at,
    invoices.due_date,
    {{ datediff('invoices.due_date', 'payments.paid_at', 'day') }} as days_late
from {{ ref('stg_stripe__payments') }} as payments
inner join {{ ref('stg_treasury__invoices') }} as invoices
    on invoices.invoice_id = payments.invoice_id
where payments.status = 'succeeded'

-- No invoice may be paid more than it asked for.
select
    invoices.invoice_id,
    invoices.amount_due_gold,
    sum(payments.amount_gold) as paid_gold
from {{ ref('stg_treasury__invoices') }} as invoices
inner join {{ ref('fct_payments') }} as payments
    on payments.invoice_id = invoices.invoice_id
group by invoices.invoice_id, invoices.amount_due_gold
having sum(payments.amount_gold) > invoices.amount_due_gold

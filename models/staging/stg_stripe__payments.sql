-- Charges from Stripe, amounts converted from cents to gold.
with source as (

    select * from {{ source('stripe', 'payments') }}

)

select
    payment_id,
    invoice_id,
    kingdom_id,
    {{ cents_to_gold('amount_cents') }} as amount_gold,
    status,
    created_at as paid_at
from source
where currency = 'gold'

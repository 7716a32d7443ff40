{{ config(materialized='incremental', unique_key='payment_id') }}

select
    payment_id,
    kingdom_id,
    invoice_id,
    amount_gold,
    paid_at,
    due_date,
    days_late,
    case when days_late <= {{ var('grace_days') }} then 1 else 0 end as paid_on_time
from {{ ref('int_payments_matched') }}
{% if is_incremental() %}
where paid_at > (select max(paid_at) from {{ this }})
{% endif %}

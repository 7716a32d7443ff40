
select
    payment_id,
    order_id,
    payment_method,
    CAST(CASE
        WHEN payment_method = 'credit_card' THEN amount * 0.9
        WHEN payment_method = 'coupon' THEN amount * 0.9
        WHEN payment_method = 'bank_transfer' THEN amount * 0.5
        WHEN payment_method = 'gift_card' THEN amount * 1.0
        ELSE amount
    END AS NUMERIC(16, 2)) as amount
from main."stg_jaffle__payments"

with orders as (

    select * from main."int_orders_with_customers_0128"

),

payments as (

    select * from main."int_payments_matched_0106"

),

customers as (

    select * from main."int_customers_active_0097"

),

payment_totals as (

    select
        order_id,
        COUNT(*) as payment_count,
        
        SUM(CASE WHEN payment_method = 'credit_card' THEN amount ELSE 0 END) AS credit_card_paid,
        SUM(CASE WHEN payment_method = 'coupon' THEN amount ELSE 0 END) AS coupon_paid,
        SUM(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE 0 END) AS bank_transfer_paid,
        SUM(CASE WHEN payment_method = 'gift_card' THEN amount ELSE 0 END) AS gift_card_paid
    from payments
    group by order_id

)

select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.order_month,
    orders.status,
    orders.amount,
    customers.customer_name,
    COALESCE(payment_totals.payment_count, 0) as payment_count,
    COALESCE(payment_totals.credit_card_paid, 0) as credit_card_paid,
    COALESCE(payment_totals.coupon_paid, 0) as coupon_paid,
    COALESCE(payment_totals.bank_transfer_paid, 0) as bank_transfer_paid,
    COALESCE(payment_totals.gift_card_paid, 0) as gift_card_paid,
    CASE WHEN orders.amount >= 100 THEN 1 ELSE 0 END as is_high_value
from orders
inner join customers
    on orders.customer_id = customers.customer_id
left join payment_totals
    on orders.order_id = payment_totals.order_id
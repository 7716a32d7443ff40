
with orders as (

    select * from main."int_orders_filtered_0030"

),

payments as (

    select * from main."int_payments_weighted_0017"

),

order_payments as (

    select
        order_id,
        
        SUM(CASE WHEN payment_method = 'credit_card' THEN amount ELSE 0 END) AS credit_card_amount,
        SUM(CASE WHEN payment_method = 'coupon' THEN amount ELSE 0 END) AS coupon_amount,
        SUM(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE 0 END) AS bank_transfer_amount,
        SUM(CASE WHEN payment_method = 'gift_card' THEN amount ELSE 0 END) AS gift_card_amount,
        SUM(amount) as total_paid
    from payments
    group by order_id

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.order_date,
        orders.order_month,
        orders.status,
        CAST(COALESCE(order_payments.total_paid, orders.amount) AS NUMERIC(16, 2)) as amount,
        COALESCE(order_payments.credit_card_amount, 0) as credit_card_amount,
        COALESCE(order_payments.coupon_amount, 0) as coupon_amount,
        COALESCE(order_payments.bank_transfer_amount, 0) as bank_transfer_amount,
        COALESCE(order_payments.gift_card_amount, 0) as gift_card_amount,
        CASE WHEN order_payments.order_id IS NULL THEN 0 ELSE 1 END as has_payment
    from orders
    left join order_payments
        on orders.order_id = order_payments.order_id

)

select * from final

with customers as (

    select * from main."int_customers_merged_0124"

),

orders as (

    select * from main."int_orders_blended_0112"

),

payments as (

    select * from main."int_payments_matched_0071"

),

customer_payments as (

    select
        orders.customer_id,
        
        SUM(CASE WHEN payments.payment_method = 'credit_card' THEN payments.amount ELSE 0 END) AS credit_card_paid,
        SUM(CASE WHEN payments.payment_method = 'coupon' THEN payments.amount ELSE 0 END) AS coupon_paid,
        SUM(CASE WHEN payments.payment_method = 'bank_transfer' THEN payments.amount ELSE 0 END) AS bank_transfer_paid,
        SUM(CASE WHEN payments.payment_method = 'gift_card' THEN payments.amount ELSE 0 END) AS gift_card_paid,
        SUM(payments.amount) as total_paid
    from payments
    inner join orders
        on payments.order_id = orders.order_id
    group by orders.customer_id

)

select
    customers.customer_id,
    customers.customer_name,
    customers.signup_date,
    CASE
        WHEN COALESCE(customer_payments.total_paid, 0) >= 100 THEN 'high'
        WHEN COALESCE(customer_payments.total_paid, 0) > 0 THEN 'medium'
        ELSE customers.customer_tier
    END as customer_tier,
    COALESCE(customer_payments.credit_card_paid, 0) as credit_card_paid,
    COALESCE(customer_payments.coupon_paid, 0) as coupon_paid,
    COALESCE(customer_payments.bank_transfer_paid, 0) as bank_transfer_paid,
    COALESCE(customer_payments.gift_card_paid, 0) as gift_card_paid,
    CAST(COALESCE(customer_payments.total_paid, 0) AS NUMERIC(16, 2)) as total_paid
from customers
left join customer_payments
    on customers.customer_id = customer_payments.customer_id
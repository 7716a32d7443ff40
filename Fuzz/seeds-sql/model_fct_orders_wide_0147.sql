
with  __dbt__cte__int_customers_merged_0133 as (


select
    a.customer_id,
    a.customer_name,
    a.signup_date,
    CASE
        WHEN a.customer_tier = 'high' OR b.customer_tier = 'high' THEN 'high'
        ELSE a.customer_tier
    END as customer_tier
from main."int_customers_active_0116" as a
inner join main."int_customers_active_0110" as b
    on a.customer_id = b.customer_id
), orders as (

    select * from main."int_orders_enriched_0126"

),

payments as (

    select * from main."int_payments_categorized_0134"

),

customers as (

    select * from __dbt__cte__int_customers_merged_0133

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
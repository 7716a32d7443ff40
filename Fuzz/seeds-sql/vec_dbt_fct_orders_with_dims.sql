with orders as (select * from orders),
customers as (select * from customers),
items as (
    select order_id, sum(quantity * unit_price) as items_total, count(*) as item_count
    from order_items group by order_id
)
select
    orders.id as order_id,
    customers.id as customer_id,
    customers.country,
    orders.order_date,
    items.items_total,
    items.item_count,
    orders.amount - coalesce(items.items_total, 0) as unexplained_amount
from orders
join customers on customers.id = orders.customer_id
left join items on items.order_id = orders.id
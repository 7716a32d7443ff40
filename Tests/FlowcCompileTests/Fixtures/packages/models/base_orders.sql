select 1 as order_id, 10 as customer_id
union all
select 2, 11

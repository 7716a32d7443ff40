
select order_id from main."base_orders"
union all
select id from main."raw_things_v2"
with c as (select id, first_name from customers),
o as (select customer_id, amount from orders),
agg as (select customer_id, sum(amount) as total from o group by customer_id),
final as (select c.id, c.first_name, agg.total from c left join agg on agg.customer_id = c.id)
select * from final
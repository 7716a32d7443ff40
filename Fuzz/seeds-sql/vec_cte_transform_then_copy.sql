with t as (select id, amount * 2 as doubled from orders),
u as (select id, doubled from t)
select id, doubled as final_amount from u
with a as (select id as a_id, amount as a_amount from orders),
b as (select a_id as b_id, a_amount as b_amount from a),
c as (select b_id as c_id, b_amount * 2 as c_amount from b)
select c_id, c_amount from c
with a as (select account_id, owner from accounts),
b as (select account_id, balance * 100 as balance_cents from account_balances)
select * from a natural join b
select account_id, a.owner, b.balance, i.warehouse
from accounts a
join account_balances b using (account_id)
left join (select product_id as account_id, warehouse from inventory) i using (account_id)
select 1 as id, 2 as customer_id, 3.5 as amount, 'x' as status, current_date as ordered_at

select 2 as customer_id, 'n' as customer_name, current_date as first_seen

with o as (
    -- only completed
    select id, amount from orders where status = 'completed' /* filter */
)
select id, amount from o
with ids as (select id, tag as name from tags union all select id, label from labels)
select ids.name, p.price from ids join products p on p.id = ids.id
with s(status, label) as (values ('completed', 'Done'), ('placed', 'Open'))
select o.id, s.label from orders o join s on s.status = o.status
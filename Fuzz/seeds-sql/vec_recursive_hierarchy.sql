with recursive chain as (
    select id, name, manager_id, 1 as depth from employees where manager_id is null
    union all
    select e.id, e.name, e.manager_id, c.depth + 1 from employees e join chain c on e.manager_id = c.id
)
select id, name, depth from chain
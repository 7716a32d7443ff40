
select 4 as four
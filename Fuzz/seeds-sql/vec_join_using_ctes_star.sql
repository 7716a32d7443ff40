with e as (select user_id, event_type from events),
s as (select user_id, channel from sessions)
select * from e join s using (user_id)
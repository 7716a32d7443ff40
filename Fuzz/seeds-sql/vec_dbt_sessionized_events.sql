with events as (
    select id as event_id, user_id, occurred_at, event_type from events
),
sessions as (
    select session_id, user_id, started_at, channel from sessions
),
joined as (
    select
        e.event_id,
        e.user_id,
        s.session_id,
        s.channel,
        e.occurred_at - s.started_at as time_into_session
    from events e
    join sessions s on s.user_id = e.user_id and e.occurred_at >= s.started_at
)
select * from joined
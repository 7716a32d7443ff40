select id, user_id, event_type, occurred_at
from events
where occurred_at > (select max(occurred_at) from events)
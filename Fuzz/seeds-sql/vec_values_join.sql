select o.id, s.label
from orders o join (values ('completed', 'Done'), ('placed', 'Open')) as s(status, label) on s.status = o.status
-- pick the columns we need
select id, -- the key
       amount /* money */ as amount_total
from orders /* all of them */
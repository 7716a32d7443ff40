/* staging model */
select c.id, -- id
       c.email
from customers c -- trailing
{{ config(materialized='table') }}
select o.order_id, c.customer_name
from {{ ref('base_orders') }} o
join {{ ref('pkg_customers') }} c on c.id = o.customer_id

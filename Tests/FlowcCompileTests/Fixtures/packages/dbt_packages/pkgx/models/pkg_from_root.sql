{{ config(materialized='table') }}
select order_id from {{ ref('base_orders') }}
union all
select id from {{ source('pkg_src', 'raw_things') }}

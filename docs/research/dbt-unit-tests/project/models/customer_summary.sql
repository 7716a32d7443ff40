select id, email from {{ ref('stg_customers') }}

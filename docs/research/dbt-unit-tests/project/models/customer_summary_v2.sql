select id, email, created_at from {{ ref('stg_customers') }}

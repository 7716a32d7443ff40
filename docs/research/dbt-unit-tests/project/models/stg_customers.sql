select id, email, created_at from {{ ref('raw_customers') }}

select count(*) from {{ ref('pkg_customers') }}

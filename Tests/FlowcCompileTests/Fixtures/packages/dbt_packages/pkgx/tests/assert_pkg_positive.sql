select * from {{ ref('pkg_customers') }} where id < 0

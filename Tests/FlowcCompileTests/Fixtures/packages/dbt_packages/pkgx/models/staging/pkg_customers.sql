select id, name as customer_name, '{{ var("pkg_scoped") }}' as scoped, '{{ var("pkg_only") }}' as only_pkg,
       '{{ var("currency") }}' as currency
from {{ ref('pkg_seed') }}

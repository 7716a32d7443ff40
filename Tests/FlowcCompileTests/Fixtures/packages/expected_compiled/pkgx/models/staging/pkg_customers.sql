select id, name as customer_name, 'from_root' as scoped, 'pkg_default' as only_pkg,
       'usd' as currency
from main_raw."pkg_seed"

    
    



select order_count
from main."int_monthly_rollup_0019"
where order_count is null



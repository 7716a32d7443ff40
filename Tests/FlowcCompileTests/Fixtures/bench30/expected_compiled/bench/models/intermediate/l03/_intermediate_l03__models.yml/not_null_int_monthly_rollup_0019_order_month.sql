
    
    



select order_month
from main."int_monthly_rollup_0019"
where order_month is null



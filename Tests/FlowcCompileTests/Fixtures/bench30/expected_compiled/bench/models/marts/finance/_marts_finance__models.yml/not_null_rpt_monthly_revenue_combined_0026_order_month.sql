
    
    



select order_month
from main."rpt_monthly_revenue_combined_0026"
where order_month is null




    
    

select
    order_month as unique_field,
    count(*) as n_records

from main."rpt_monthly_revenue_combined_0026"
where order_month is not null
group by order_month
having count(*) > 1



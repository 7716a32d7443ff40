select cast('2020-01-01' as date) as date_day

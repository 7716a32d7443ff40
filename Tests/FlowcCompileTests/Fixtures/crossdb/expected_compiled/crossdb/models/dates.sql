select

  
        (date_part('year', (created_at)::date) - date_part('year', ('2020-01-01'::timestamp)::date))
     as dd_year,
  

    created_at + ((interval '1 year') * (3))

 as da_year,
  date_trunc('year', created_at) as dt_year,

  
        (
        (date_part('year', (created_at)::date) - date_part('year', ('2020-01-01'::timestamp)::date))
     * 4 + date_part('quarter', (created_at)::date) - date_part('quarter', ('2020-01-01'::timestamp)::date))
     as dd_quarter,
  

    created_at + ((interval '1 quarter') * (3))

 as da_quarter,
  date_trunc('quarter', created_at) as dt_quarter,

  
        (
        (date_part('year', (created_at)::date) - date_part('year', ('2020-01-01'::timestamp)::date))
     * 12 + date_part('month', (created_at)::date) - date_part('month', ('2020-01-01'::timestamp)::date))
     as dd_month,
  

    created_at + ((interval '1 month') * (3))

 as da_month,
  date_trunc('month', created_at) as dt_month,

  
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     / 7 + case
            when date_part('dow', ('2020-01-01'::timestamp)::timestamp) <= date_part('dow', (created_at)::timestamp) then
                case when '2020-01-01'::timestamp <= created_at then 0 else -1 end
            else
                case when '2020-01-01'::timestamp <= created_at then 1 else 0 end
        end)
     as dd_week,
  

    created_at + ((interval '1 week') * (3))

 as da_week,
  date_trunc('week', created_at) as dt_week,

  
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     as dd_day,
  

    created_at + ((interval '1 day') * (3))

 as da_day,
  date_trunc('day', created_at) as dt_day,

  
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     * 24 + date_part('hour', (created_at)::timestamp) - date_part('hour', ('2020-01-01'::timestamp)::timestamp))
     as dd_hour,
  

    created_at + ((interval '1 hour') * (3))

 as da_hour,
  date_trunc('hour', created_at) as dt_hour,

  
        (
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     * 24 + date_part('hour', (created_at)::timestamp) - date_part('hour', ('2020-01-01'::timestamp)::timestamp))
     * 60 + date_part('minute', (created_at)::timestamp) - date_part('minute', ('2020-01-01'::timestamp)::timestamp))
     as dd_minute,
  

    created_at + ((interval '1 minute') * (3))

 as da_minute,
  date_trunc('minute', created_at) as dt_minute,

  
        (
        (
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     * 24 + date_part('hour', (created_at)::timestamp) - date_part('hour', ('2020-01-01'::timestamp)::timestamp))
     * 60 + date_part('minute', (created_at)::timestamp) - date_part('minute', ('2020-01-01'::timestamp)::timestamp))
     * 60 + floor(date_part('second', (created_at)::timestamp)) - floor(date_part('second', ('2020-01-01'::timestamp)::timestamp)))
     as dd_second,
  

    created_at + ((interval '1 second') * (3))

 as da_second,
  date_trunc('second', created_at) as dt_second,

  
        (
        (
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     * 24 + date_part('hour', (created_at)::timestamp) - date_part('hour', ('2020-01-01'::timestamp)::timestamp))
     * 60 + date_part('minute', (created_at)::timestamp) - date_part('minute', ('2020-01-01'::timestamp)::timestamp))
     * 60000 + floor(date_part('millisecond', (created_at)::timestamp)) - floor(date_part('millisecond', ('2020-01-01'::timestamp)::timestamp)))
     as dd_millisecond,
  

    created_at + ((interval '1 millisecond') * (3))

 as da_millisecond,
  date_trunc('millisecond', created_at) as dt_millisecond,

  
        (
        (
        (
        ((created_at)::date - ('2020-01-01'::timestamp)::date)
     * 24 + date_part('hour', (created_at)::timestamp) - date_part('hour', ('2020-01-01'::timestamp)::timestamp))
     * 60 + date_part('minute', (created_at)::timestamp) - date_part('minute', ('2020-01-01'::timestamp)::timestamp))
     * 60000000 + floor(date_part('microsecond', (created_at)::timestamp)) - floor(date_part('microsecond', ('2020-01-01'::timestamp)::timestamp)))
     as dd_microsecond,
  

    created_at + ((interval '1 microsecond') * (3))

 as da_microsecond,
  date_trunc('microsecond', created_at) as dt_microsecond,


  cast(
        

    

    date_trunc('year', created_at) + ((interval '1 year') * (1))

 + ((interval '1 day') * (-1))


        as date) as ld_year,

  -- postgres dateadd does not support quarter interval.
    cast(
        

    

    date_trunc('quarter', created_at) + ((interval '1 month') * (3))

 + ((interval '1 day') * (-1))


        as date) as ld_quarter,

  cast(
        

    

    date_trunc('month', created_at) + ((interval '1 month') * (1))

 + ((interval '1 day') * (-1))


        as date) as ld_month,

  cast(
        

    

    date_trunc('week', created_at) + ((interval '1 week') * (1))

 + ((interval '1 day') * (-1))


        as date) as ld_week,

  cast(
        

    

    date_trunc('day', created_at) + ((interval '1 day') * (1))

 + ((interval '1 day') * (-1))


        as date) as ld_day,

  now() as now1,
  TEXT as t1, timestamp as t2, integer as t3, bigint as t4,
  float as t5, numeric(28,6) as t6, boolean as t7,
  1 as x
from src
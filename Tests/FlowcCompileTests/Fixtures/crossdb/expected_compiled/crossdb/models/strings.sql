select
  a || '-' || b as c1,
  md5(cast(a as TEXT)) as h1,
  
    
    cast(a as integer)
 as sc1,
  
  
    cast(flag as TEXT)

 as cb,
  min(a) as av,
  bool_or(flag) as bo,
  array_to_string(
        (array_agg(
            a
            order by a
        ))[1:3],
        ','
        ) as la1,
  
    string_agg(
        a,
        ','
        
        ) as la2,
  array_to_string(
        (array_agg(
            a
            
        ))[1:2],
        '|'
        ) as la3,
  (a = b) as eq,
  
    array[]::integer[]
     as ac0,
  

  
    

    split_part(
        a,
        ',',
        2
        )


  

 as sp,
  

  
    

    split_part(
        a,
        ',',
          length(a)
          - length(
              replace(a,  ',', '')
          ) + 2 + -1
        )


  

 as sp2,
  'it's' as sl,
  it''s as esq,
  

    right(
        a,
        3
    ) as r,
  

    length(
        a
    ) as len,
  

    position(
        'x' in a
    ) as pos,
  

    replace(
        a,
        'x',
        'y'
    )


 as rep,
  
    array[ 1 , 2 ]
     as ac,
  array_append(arr, 3) as aa,
  array_cat(arr, arr) as acn,
  
    cast(a as TEXT)
 as cst,
  to_date('2024-03-05', 'YYYY-MM-DD') as d1,
  
    current_timestamp::timestamp
 as ctb,
  
    (current_timestamp at time zone 'utc')::timestamp
 as ctu,
  1 as x
from src


    except


select 1


    intersect


select 2

    
    



select id
from main."raw_things_v2"
where id is null



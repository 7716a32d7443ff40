
    
    



select id
from main."raw_things"
where id is null



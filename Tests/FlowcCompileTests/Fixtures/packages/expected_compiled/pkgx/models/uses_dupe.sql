
select owner from main."dupe"
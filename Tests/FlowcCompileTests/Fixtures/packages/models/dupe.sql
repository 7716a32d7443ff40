select 'root' as owner

select 'pkgx' as owner

{{ config(materialized='view') }}
select {{ pkgx_double(2) }} as four

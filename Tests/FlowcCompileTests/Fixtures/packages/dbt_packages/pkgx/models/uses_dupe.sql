{{ config(materialized='table') }}
select owner from {{ ref('dupe') }}

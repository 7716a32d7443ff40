{% snapshot pkg_snap %}
{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='main') }}
select * from {{ ref('pkg_seed') }}
{% endsnapshot %}

{{ config(materialized='incremental', unique_key='id') }}
select
    id,
    customer_id,
    amount,
    '{{ var("run_label", "default") }}' as run_label,
    '{{ env_var("UNITVEC_ENV_LABEL", "none") }}' as env_label
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where id > (select coalesce(max(id), 0) from {{ this }})
{% endif %}

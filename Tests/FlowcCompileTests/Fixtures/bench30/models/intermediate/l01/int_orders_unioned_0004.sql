{{ config(materialized='view') }}

{%- set upstream = ['stg_jaffle__orders', 'stg_erp01__orders'] %}
with unioned as (
{%- for model_name in upstream %}

    select
        order_id,
        customer_id,
        order_date,
        order_month,
        status,
        amount,
        {{ loop.index }} as source_rank
    from {{ ref(model_name) }}
    {%- if not loop.last %}

    union all
    {%- endif %}
{%- endfor %}

),

ranked as (

    select
        unioned.*,
        ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY source_rank) as rn
    from unioned

)

select
    order_id,
    customer_id,
    order_date,
    order_month,
    status,
    amount
from ranked
where rn = 1

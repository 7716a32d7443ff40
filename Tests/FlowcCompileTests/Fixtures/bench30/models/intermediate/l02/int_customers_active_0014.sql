{{ config(materialized='table') }}

{%- set since = var('customers_since', '2017-01-01') %}
select
    customer_id,
    TRIM(customer_name) as customer_name,
    signup_date,
    customer_tier
from {{ ref('int_customers_payments_0003') }}
where signup_date >= '{{ since }}'
{%- if target.name == 'dev' %}
  and customer_id <= 100
{%- endif %}

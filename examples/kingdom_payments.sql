{#- A model-like template: which kingdoms pay their gold on time. Render it with
    `swift run flowc render examples/kingdom_payments.sql`. -#}
{%- macro cents_to_gold(column, scale=2) -%}
    round({{ column }} / 100.0, {{ scale }})
{%- endmacro -%}

{%- set methods = ['stripe_card', 'stripe_transfer', 'tribute_cart'] -%}
with payments as (
    select
        kingdom_id,
        {%- for method in methods %}
        sum(case when method = '{{ method }}' then {{ cents_to_gold('amount_cents') }} else 0 end)
            as {{ method }}_gold{{ "," if not loop.last }}
        {%- endfor %}
    from raw_payments
    group by kingdom_id
)
select * from payments

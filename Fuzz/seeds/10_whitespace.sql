{#- comment -#}
  {%- set x = 1 -%}
  a {{- x -}} b
{%+ if true +%} kept {% endif %}
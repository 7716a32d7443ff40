// dbt's relation and column DDL macros that custom materializations and project macros call:
// get_or_create_relation, altering columns, drop/rename SQL, comments, grants SQL, listing a
// schema's relations. They return what dbt's return (a SQL string, a list, an agate-like table)
// and run what dbt's run; `sqlite__` versions where SQLite's DDL differs (no cascade, one
// change per ALTER TABLE, no comments).

extension BuiltinMacros {
    static let relationsPath = "macros/flowc_builtins_relations.sql"

    static let relations = #"""
{% macro get_or_create_relation(database, schema, identifier, type) -%}
  {{ return(adapter.dispatch('get_or_create_relation', 'dbt')(database, schema, identifier, type)) }}
{% endmacro %}
{% macro default__get_or_create_relation(database, schema, identifier, type) %}
  {%- set found = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
  {%- if found -%}
    {{ return([true, found]) }}
  {%- endif -%}
  {{ return([false, api.Relation.create(database=database, schema=schema, identifier=identifier, type=type)]) }}
{% endmacro %}

{% macro alter_column_type(relation, column_name, new_column_type) -%}
  {{ return(adapter.dispatch('alter_column_type', 'dbt')(relation, column_name, new_column_type)) }}
{% endmacro %}
{% macro default__alter_column_type(relation, column_name, new_column_type) -%}
  {#- a new column of the new type, filled, then in the old one's place (it moves to the end) -#}
  {%- set spare = adapter.quote(column_name ~ "__dbt_alter") -%}
  {%- set column = adapter.quote(column_name) -%}
  {% call statement('alter_column_type') %}
    alter table {{ relation.render() }} add column {{ spare }} {{ new_column_type }};
    update {{ relation.render() }} set {{ spare }} = {{ column }};
    alter table {{ relation.render() }} drop column {{ column }} cascade;
    alter table {{ relation.render() }} rename column {{ spare }} to {{ column }}
  {% endcall %}
{% endmacro %}
{% macro sqlite__alter_column_type(relation, column_name, new_column_type) -%}
  {%- set spare = adapter.quote(column_name ~ "__dbt_alter") -%}
  {%- set column = adapter.quote(column_name) -%}
  {% do run_query("alter table " ~ relation.render() ~ " add column " ~ spare ~ " " ~ new_column_type) %}
  {% do run_query("update " ~ relation.render() ~ " set " ~ spare ~ " = " ~ column) %}
  {% do run_query("alter table " ~ relation.render() ~ " drop column " ~ column) %}
  {% do run_query("alter table " ~ relation.render() ~ " rename column " ~ spare ~ " to " ~ column) %}
{% endmacro %}

{% macro alter_relation_add_remove_columns(relation, add_columns=none, remove_columns=none) -%}
  {{ return(adapter.dispatch('alter_relation_add_remove_columns', 'dbt')(relation, add_columns, remove_columns)) }}
{% endmacro %}
{% macro default__alter_relation_add_remove_columns(relation, add_columns, remove_columns) %}
  {%- set changes = [] -%}
  {%- for column in add_columns or [] -%}
    {%- do changes.append("add column " ~ column.quoted ~ " " ~ column.expanded_data_type) -%}
  {%- endfor -%}
  {%- for column in remove_columns or [] -%}
    {%- do changes.append("drop column " ~ column.quoted) -%}
  {%- endfor -%}
  {%- if changes -%}
    {% do run_query("alter " ~ relation.type ~ " " ~ relation.render() ~ "\n    " ~ changes | join(",\n    ")) %}
  {%- endif -%}
{% endmacro %}
{% macro sqlite__alter_relation_add_remove_columns(relation, add_columns, remove_columns) %}
  {#- SQLite takes one change per ALTER TABLE -#}
  {%- for column in add_columns or [] -%}
    {% do run_query("alter table " ~ relation.render() ~ " add column " ~ column.quoted ~ " " ~ column.expanded_data_type) %}
  {%- endfor -%}
  {%- for column in remove_columns or [] -%}
    {% do run_query("alter table " ~ relation.render() ~ " drop column " ~ column.quoted) %}
  {%- endfor -%}
{% endmacro %}

{%- macro get_drop_sql(relation) -%}
  {{- log('Applying DROP to: ' ~ relation) -}}
  {{- adapter.dispatch('get_drop_sql', 'dbt')(relation) -}}
{%- endmacro -%}
{%- macro default__get_drop_sql(relation) -%}
  {%- if relation.is_view -%}
    {{ drop_view(relation) }}
  {%- elif relation.is_table -%}
    {{ drop_table(relation) }}
  {%- elif relation.is_materialized_view -%}
    {{ drop_materialized_view(relation) }}
  {%- else -%}
    drop {{ relation.type }} if exists {{ relation.render() }} cascade
  {%- endif -%}
{%- endmacro -%}
{% macro drop_table(relation) -%}
  {{- adapter.dispatch('drop_table', 'dbt')(relation) -}}
{%- endmacro %}
{% macro default__drop_table(relation) -%}
  drop table if exists {{ relation.render() }} cascade
{%- endmacro %}
{% macro sqlite__drop_table(relation) -%}
  drop table if exists {{ relation.render() }}
{%- endmacro %}
{% macro drop_view(relation) -%}
  {{- adapter.dispatch('drop_view', 'dbt')(relation) -}}
{%- endmacro %}
{% macro default__drop_view(relation) -%}
  drop view if exists {{ relation.render() }} cascade
{%- endmacro %}
{% macro sqlite__drop_view(relation) -%}
  drop view if exists {{ relation.render() }}
{%- endmacro %}
{% macro drop_materialized_view(relation) -%}
  {{- adapter.dispatch('drop_materialized_view', 'dbt')(relation) -}}
{%- endmacro %}
{% macro default__drop_materialized_view(relation) -%}
  drop materialized view if exists {{ relation.render() }} cascade
{%- endmacro %}
{% macro drop_schema_named(schema_name) %}
  {{ return(adapter.dispatch('drop_schema_named', 'dbt')(schema_name)) }}
{% endmacro %}
{% macro default__drop_schema_named(schema_name) %}
  {{ adapter.drop_schema(api.Relation.create(schema=schema_name)) }}
{% endmacro %}

{%- macro get_rename_sql(relation, new_name) -%}
  {{- log('Applying RENAME to: ' ~ relation) -}}
  {{- adapter.dispatch('get_rename_sql', 'dbt')(relation, new_name) -}}
{%- endmacro -%}
{%- macro default__get_rename_sql(relation, new_name) -%}
  {%- if relation.is_view -%}
    {{ get_rename_view_sql(relation, new_name) }}
  {%- elif relation.is_table -%}
    {{ get_rename_table_sql(relation, new_name) }}
  {%- elif relation.is_materialized_view -%}
    {{ get_rename_materialized_view_sql(relation, new_name) }}
  {%- else -%}
    {{- exceptions.raise_compiler_error("`get_rename_sql` has not been implemented for: " ~ relation.type) -}}
  {%- endif -%}
{%- endmacro -%}
{% macro get_rename_table_sql(relation, new_name) %}
  {{- adapter.dispatch('get_rename_table_sql', 'dbt')(relation, new_name) -}}
{% endmacro %}
{% macro default__get_rename_table_sql(relation, new_name) %}
    alter table {{ relation.render() }} rename to {{ new_name }}
{% endmacro %}
{% macro get_rename_view_sql(relation, new_name) %}
  {{- adapter.dispatch('get_rename_view_sql', 'dbt')(relation, new_name) -}}
{% endmacro %}
{% macro default__get_rename_view_sql(relation, new_name) %}
    alter view {{ relation.render() }} rename to {{ new_name }}
{% endmacro %}
{% macro sqlite__get_rename_view_sql(relation, new_name) %}
  {{ exceptions.raise_compiler_error("SQLite cannot rename a view (" ~ relation ~ "); drop it and create it under the new name") }}
{% endmacro %}
{% macro get_rename_materialized_view_sql(relation, new_name) %}
  {{- adapter.dispatch('get_rename_materialized_view_sql', 'dbt')(relation, new_name) -}}
{% endmacro %}
{% macro default__get_rename_materialized_view_sql(relation, new_name) %}
    alter materialized view {{ relation.render() }} rename to {{ new_name }}
{% endmacro %}

{% macro alter_relation_comment(relation, relation_comment) -%}
  {{ return(adapter.dispatch('alter_relation_comment', 'dbt')(relation, relation_comment)) }}
{% endmacro %}
{% macro default__alter_relation_comment(relation, relation_comment) -%}
  {{ exceptions.raise_not_implemented('alter_relation_comment macro not implemented for adapter ' + adapter.type()) }}
{% endmacro %}
{% macro postgres__alter_relation_comment(relation, comment) %}
  {%- set kind = "materialized view" if relation.type == 'materialized_view' else relation.type -%}
  comment on {{ kind }} {{ relation }} is {{ postgres_escape_comment(comment) }};
{% endmacro %}
{% macro sqlite__alter_relation_comment(relation, comment) %}{% endmacro %}
{% macro alter_column_comment(relation, column_dict) -%}
  {{ return(adapter.dispatch('alter_column_comment', 'dbt')(relation, column_dict)) }}
{% endmacro %}
{% macro default__alter_column_comment(relation, column_dict) -%}
  {{ exceptions.raise_not_implemented('alter_column_comment macro not implemented for adapter ' + adapter.type()) }}
{% endmacro %}
{% macro postgres__alter_column_comment(relation, column_dict) %}
  {%- set existing = adapter.get_columns_in_relation(relation) | map(attribute="name") | list -%}
  {% for name in column_dict if name in existing %}
    {%- set column = adapter.quote(name) if column_dict[name]['quote'] else name %}
    comment on column {{ relation }}.{{ column }} is {{ postgres_escape_comment(column_dict[name]['description']) }};
  {% endfor %}
{% endmacro %}
{% macro sqlite__alter_column_comment(relation, column_dict) %}{% endmacro %}
{% macro postgres_escape_comment(comment) -%}
  {%- if comment is not string -%}
    {%- do exceptions.raise_compiler_error('cannot escape a non-string: ' ~ comment) -%}
  {%- endif -%}
  {%- set fence = '$dbt_comment_literal_block$' -%}
  {%- if fence in comment -%}
    {%- do exceptions.raise_compiler_error('The string ' ~ fence ~ ' is not allowed in comments.') -%}
  {%- endif -%}
  {{ fence }}{{ comment }}{{ fence }}
{%- endmacro %}

{% macro get_show_grant_sql(relation) %}
  {{ return(adapter.dispatch('get_show_grant_sql', 'dbt')(relation)) }}
{% endmacro %}
{% macro default__get_show_grant_sql(relation) %}
  show grants on {{ relation.render() }}
{% endmacro %}
{%- macro postgres__get_show_grant_sql(relation) -%}
  select grantee, privilege_type
  from {{ relation.information_schema('role_table_grants') }}
      where grantor = current_role
        and grantee != current_role
        and table_schema = '{{ relation.schema }}'
        and table_name = '{{ relation.identifier }}'
{%- endmacro -%}
{% macro get_grant_sql(relation, privilege, grantees) %}
  {{ return(adapter.dispatch('get_grant_sql', 'dbt')(relation, privilege, grantees)) }}
{% endmacro %}
{%- macro default__get_grant_sql(relation, privilege, grantees) -%}
  grant {{ privilege }} on {{ relation.render() }} to {{ grantees | join(', ') }}
{%- endmacro -%}
{% macro get_revoke_sql(relation, privilege, grantees) %}
  {{ return(adapter.dispatch('get_revoke_sql', 'dbt')(relation, privilege, grantees)) }}
{% endmacro %}
{%- macro default__get_revoke_sql(relation, privilege, grantees) -%}
  {#- revoking quotes the grantees, granting does not, as in dbt -#}
  {%- set quoted = [] -%}
  {%- for grantee in grantees -%}{%- do quoted.append(adapter.quote(grantee)) -%}{%- endfor -%}
  revoke {{ privilege }} on {{ relation.render() }} from {{ quoted | join(', ') }}
{%- endmacro -%}
{% macro support_multiple_grantees_per_dcl_statement() %}
  {{ return(adapter.dispatch('support_multiple_grantees_per_dcl_statement', 'dbt')()) }}
{% endmacro %}
{%- macro default__support_multiple_grantees_per_dcl_statement() -%}
  {{ return(True) }}
{%- endmacro -%}
{% macro get_dcl_statement_list(relation, grant_config, get_dcl_macro) %}
  {{ return(adapter.dispatch('get_dcl_statement_list', 'dbt')(relation, grant_config, get_dcl_macro)) }}
{% endmacro %}
{%- macro default__get_dcl_statement_list(relation, grant_config, get_dcl_macro) -%}
  {%- set statements = [] -%}
  {%- for privilege, grantees in grant_config.items() -%}
    {%- if support_multiple_grantees_per_dcl_statement() and grantees -%}
      {%- do statements.append(get_dcl_macro(relation, privilege, grantees)) -%}
    {%- else -%}
      {%- for grantee in grantees -%}
        {%- do statements.append(get_dcl_macro(relation, privilege, [grantee])) -%}
      {%- endfor -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(statements) }}
{%- endmacro %}
{% macro call_dcl_statements(dcl_statement_list) %}
  {{ return(adapter.dispatch('call_dcl_statements', 'dbt')(dcl_statement_list)) }}
{% endmacro %}
{% macro default__call_dcl_statements(dcl_statement_list) %}
  {% call statement('grants') %}
    {% for dcl in dcl_statement_list %}
      {{ dcl }};
    {% endfor %}
  {% endcall %}
{% endmacro %}

{% macro list_relations_without_caching(schema_relation) %}
  {{ return(adapter.dispatch('list_relations_without_caching', 'dbt')(schema_relation)) }}
{% endmacro %}
{% macro default__list_relations_without_caching(schema_relation) %}
  {% call statement('list_relations_without_caching', fetch_result=True) -%}
    {%- for kind, catalog, name_column in [('table', 'pg_tables', 'tablename'), ('view', 'pg_views', 'viewname'),
                                            ('materialized_view', 'pg_matviews', 'matviewname')] %}
    select '{{ schema_relation.database }}' as database, {{ name_column }} as name, schemaname as schema, '{{ kind }}' as type
    from {{ catalog }} where schemaname ilike '{{ schema_relation.schema }}'
    union all
    {%- endfor %}
    select distinct '{{ schema_relation.database }}' as database, proname as name, ns.nspname as schema, 'function' as type
    from pg_proc join pg_namespace as ns on pronamespace = ns.oid
    where ns.nspname ilike '{{ schema_relation.schema }}'
  {%- endcall %}
  {{ return(load_result('list_relations_without_caching').table) }}
{% endmacro %}
{% macro sqlite__list_relations_without_caching(schema_relation) %}
  {% call statement('list_relations_without_caching', fetch_result=True) -%}
    select '{{ schema_relation.database }}' as database, name, '{{ schema_relation.schema }}' as schema, type
    from {{ adapter.quote(schema_relation.schema) }}.sqlite_master
    where type in ('table', 'view') and name not like 'sqlite\_%' escape '\'
  {%- endcall %}
  {{ return(load_result('list_relations_without_caching').table) }}
{% endmacro %}

{% macro create_or_replace_view() %}
  {#- the view materialization's body, for custom materializations that build views -#}
  {%- set identifier = model['alias'] -%}
  {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
  {%- set target_relation = api.Relation.create(identifier=identifier, schema=schema, database=database, type='view') -%}
  {{ run_hooks(pre_hooks) }}
  {%- if old_relation is not none and old_relation.is_table -%}
    {{ handle_existing_table(should_full_refresh(), old_relation) }}
  {%- endif -%}
  {% call statement('main') -%}
    {{ get_create_view_as_sql(target_relation, sql) }}
  {%- endcall %}
  {% do apply_grants(target_relation, config.get('grants'),
                     should_revoke=should_revoke(old_relation is not none and old_relation.is_view, full_refresh_mode=True)) %}
  {{ run_hooks(post_hooks) }}
  {{ return({'relations': [target_relation]}) }}
{% endmacro %}
{% macro handle_existing_table(full_refresh, old_relation) %}
  {{ adapter.dispatch('handle_existing_table', 'dbt')(full_refresh, old_relation) }}
{% endmacro %}
{% macro default__handle_existing_table(full_refresh, old_relation) %}
  {{ log("Dropping relation " ~ old_relation.render() ~ " because it is of type " ~ old_relation.type) }}
  {{ adapter.drop_relation(old_relation) }}
{% endmacro %}

{% macro get_seed_column_quoted_csv(model, column_names) %}
  {%- set quote_config = model['config'].get('quote_columns', None) -%}
  {%- set quoted = [] -%}
  {%- for column in column_names -%}
    {%- do quoted.append(adapter.quote_seed_column(column, quote_config)) -%}
  {%- endfor -%}
  {{ return(quoted | join(', ')) }}
{% endmacro %}
"""#
}

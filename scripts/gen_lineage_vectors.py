#!/usr/bin/env python3
"""Generate column-level lineage conformance vectors for flowc's SQL lineage engine.

Usage (from the repository root):

    python3 -m venv /tmp/sqlglotenv && /tmp/sqlglotenv/bin/pip install sqlglot==30.30.0 \
        && /tmp/sqlglotenv/bin/python scripts/gen_lineage_vectors.py [--review]

`--review` additionally prints a compact table of every case (output columns with kind and
sources, filters, joins) for reading through by hand.

What this is for
----------------
flowc (Swift) has its own SQL parser and column-level lineage engine.  This script holds a
corpus of SQL queries (postgres and sqlite dialects) together with the schema of every table
they read, computes the expected column-level lineage with sqlglot
(`sqlglot.lineage.lineage`), cross-checks it with an independent resolver written here on top
of sqlglot's scope analysis, applies hand-reviewed overrides where sqlglot is wrong, and writes
Tests/FlowcLineageTests/Fixtures/lineage_vectors.json.  The Swift tests read that JSON; they
never need Python.

Every sqlite case is executed against an in-memory sqlite3 database built from its schema
(the query must run, and SQLite's result column names must match the expected output names,
case-insensitively).  Every postgres case must parse and qualify with sqlglot's postgres
dialect.  A case that fails any check, or where sqlglot and the cross-check disagree without a
hand override, is dropped and reported on stderr.

Fixture format
--------------
    {"generator": "scripts/gen_lineage_vectors.py with sqlglot X.Y.Z",
     "cases": [
       {"name": "join_using_basic",            unique, snake_case
        "dialect": "postgres",                 or "sqlite"
        "sql": "select ...",
        "schema": {"orders": [["id", "integer"], ...]},
                 every table the query reads; key as written in the SQL, lower-cased
                 ("orders", "raw.orders"); columns in table order as [name, type]
        "columns": [{"name": "order_id", "kind": "copy", "sources": ["orders.id"]}],
                 output columns in output order
        "filters": ["orders.status"],          optional, see below
        "joins": ["customers.id", "orders.customer_id"],   optional, see below
        "reviewed": "..."}                     optional: why a hand override was applied
     ]}

Semantics
---------
* Identifiers: unquoted identifiers fold to lower case; quoted identifiers keep their case
  (postgres cases only use mixed-case quoted names; sqlite treats quoted names
  case-insensitively, so sqlite cases only use lower-case quoted names).  Column names in
  `sources`/`filters`/`joins` are written bare, without quotes: "legacy_orders.Order Id".
* Output column names: an alias if given, otherwise the column's name.  Every non-column
  output expression in the corpus has an explicit alias.  Star expansion yields the table's
  columns in schema order; a USING/NATURAL merged column appears once: first in postgres,
  in the left table's position in sqlite (as SQLite itself reports; checked by executing).
* A non-recursive postgres CTE named like a table reads the base table inside its own body
  (`with orders as (select ... from orders)`); SQLite rejects that, so sqlite cases avoid it.
* `sources`: base-table columns (schema key + "." + column) the output value is computed from,
  traced through CTEs, derived tables, LATERAL subqueries, every branch of a set operation
  (matched by position; names come from the first branch) and star expansion.  Sorted,
  deduplicated.  Includes columns in CASE WHEN conditions, in a window's PARTITION BY/ORDER BY,
  in an aggregate's FILTER (WHERE ...) clause, and the selected column of a scalar subquery
  (not that subquery's WHERE/correlation columns).  Empty for literals and count(*).
  A USING/NATURAL merged join column has both (all) joined sides' columns as sources.
* `kind` is computed over every step of the lineage path (each CTE/subquery/union branch):
  - "aggregate": an aggregate function (count, sum, avg, min, max, string_agg,
    group_concat, array_agg, bool_and, ...; not when used as a window function) appears at
    any step;
  - "copy": every step is a bare column reference, possibly renamed, CAST/:: cast, expanded
    from a star, or a USING/NATURAL merged join column;
  - "transform": anything else (arithmetic, functions, CASE, COALESCE, ||, window
    functions, scalar subqueries, literal-only columns, VALUES columns).
* `filters`: base columns read by any WHERE, HAVING or QUALIFY clause in any scope of the
  query (CTEs, derived tables, subqueries included), resolved to base tables the same way
  as sources.  Columns selected by an IN/scalar subquery inside a WHERE count; the select
  list of an EXISTS subquery does not (its own WHERE does, as any scope's WHERE).  An
  aggregate's FILTER (WHERE ...) is not a filter.  A column can be both a source and a filter.
* `joins`: base columns read by any JOIN ... ON condition or named by USING, or implied by
  NATURAL (both sides), in any scope, resolved to base tables.  Comma joins have no join
  condition (their WHERE predicates are filters).
* `filters`/`joins` are sorted and deduplicated; the key is omitted where it could not be
  determined reliably for that case.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.lineage import lineage
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, build_scope, find_all_in_scope

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "FlowcLineageTests" / "Fixtures" / "lineage_vectors.json"

# ---------------------------------------------------------------------------------------------
# Catalogs.  A case's schema is every catalog table its SQL reads (CTE names excluded), unless
# the case lists its tables explicitly.  Types are postgres types; sqlite cases map them.
# ---------------------------------------------------------------------------------------------

CATALOG = {
    "customers": "id integer, first_name text, last_name text, email text, country text, created_at timestamp",
    "orders": "id integer, customer_id integer, order_date date, status text, amount numeric",
    "order_items": "id integer, order_id integer, product_id integer, quantity integer, unit_price numeric",
    "products": "id integer, name text, category text, price numeric",
    "payments": "id integer, order_id integer, method text, amount numeric, paid_at timestamp",
    "employees": "id integer, name text, manager_id integer, dept_id integer, salary numeric, hired_on date",
    "departments": "id integer, dept_name text, region text",
    "events": "id integer, user_id integer, event_type text, occurred_at timestamp, revenue numeric",
    "sessions": "session_id integer, user_id integer, started_at timestamp, channel text",
    "accounts": "account_id integer, region text, owner text",
    "account_balances": "account_id integer, region text, balance numeric",
    "inventory": "product_id integer, warehouse text, on_hand integer",
    "tags": "id integer, tag text",
    "labels": "id integer, label text",
    "weird": 'id integer, "group" text, "order" integer, "select" text',
    "raw.customers": "id integer, first_name text, last_name text, email text",
    "raw.orders": "id integer, user_id integer, order_date date, status text",
    "raw.payments": "id integer, orderid integer, paymentmethod text, amount integer",
}
# Quoted mixed-case column names only in postgres (sqlite compares quoted names
# case-insensitively, so its variant of the table uses lower-case quoted names).
CATALOG_PG = dict(CATALOG, legacy_orders='"Order Id" integer, "Customer Name" text, "Total Amount" numeric, "Is Paid" boolean')
CATALOG_SQLITE = dict(CATALOG, legacy_orders='"order id" integer, "customer name" text, "total amount" numeric, "is paid" integer')

SQLITE_TYPES = {"integer": "integer", "text": "text", "numeric": "real", "date": "text",
                "timestamp": "text", "boolean": "integer"}


def parse_columns(spec: str, dialect: str) -> list[list[str]]:
    cols = []
    for part in re.findall(r'(?:"[^"]*"|[^,])+', spec):
        part = part.strip()
        m = re.match(r'^"([^"]*)"\s+(.+)$', part) or re.match(r"^(\S+)\s+(.+)$", part)
        name, typ = m.group(1), m.group(2)
        if dialect == "sqlite":
            typ = SQLITE_TYPES[typ]
        cols.append([name, typ])
    return cols


# ---------------------------------------------------------------------------------------------
# Cases.  P(...) postgres, S(...) sqlite.  Options: no_filters / no_joins (omit those keys).
# ---------------------------------------------------------------------------------------------

CASES: list[dict] = []


def P(name, sql, **opts):
    CASES.append(dict(name=name, dialect="postgres", sql=sql.strip(), **opts))


def S(name, sql, **opts):
    CASES.append(dict(name=name, dialect="sqlite", sql=sql.strip(), **opts))


def B(name, sql, **opts):
    """The same SQL in both dialects: name (postgres) and name_sqlite."""
    P(name, sql, **opts)
    S(name + "_sqlite", sql, **opts)


# --- simple projections and renames
B("proj_simple", "select id, first_name, email from customers")
P("proj_rename", "select id as customer_id, first_name as given_name from customers")
B("proj_table_alias", "select c.id as customer_id, c.email from customers as c")
P("proj_alias_without_as", "select c.id customer_id, c.country region from customers c")
S("proj_qualified_by_table_name", "select customers.id, customers.country from customers")
P("proj_same_column_twice", "select id, id as id_copy, amount from orders")
S("proj_reordered", "select amount, status, id from orders")
P("proj_where_filter", "select id, amount from orders where status = 'completed' and amount > 0")

# --- casts
P("cast_function", "select cast(id as text) as id_text, cast(amount as integer) as amount_int from orders")
P("cast_double_colon", "select id::text as id_text, amount::numeric(10, 2) as amount, order_date::timestamp as order_ts from orders")
P("cast_chained", "select id::bigint::text as id_str, customer_id from orders")
P("cast_of_expression", "select (amount * 100)::integer as amount_cents from orders")
S("cast_function_sqlite", "select cast(id as text) as id_text, cast(amount as integer) as amount_int from orders")
S("cast_in_cte_sqlite", "with o as (select cast(amount as real) as amt, id from orders) select id, amt from o")
P("cast_colon_in_cte", "with o as (select id::bigint as order_id, status::varchar(20) as status from orders) select order_id, status from o")
P("cast_then_function", "select upper(status::text) as status_upper from orders")

# --- arithmetic, CASE, COALESCE, functions
P("xform_arithmetic", "select id, amount * 1.1 as amount_with_tax, amount - 5 as discounted from orders")
S("xform_arithmetic_sqlite", "select id, quantity * unit_price as line_total, quantity + 1 as quantity_plus_one from order_items")
P("xform_two_columns", "select quantity * unit_price as line_total from order_items")
P("xform_functions", "select upper(first_name) as first_upper, lower(email) as email_lower, length(last_name) as last_len from customers")
S("xform_functions_sqlite", "select upper(first_name) as first_upper, substr(email, 1, 3) as email_prefix, trim(last_name) as last_trim from customers")
P("xform_coalesce", "select coalesce(email, 'unknown') as email, coalesce(first_name, last_name) as any_name from customers")
S("xform_ifnull_sqlite", "select ifnull(email, '') as email, coalesce(country, 'n/a') as country from customers")
B("xform_case_searched", "select id, case when amount > 100 then 'large' else 'small' end as size from orders")
P("xform_case_condition_column", "select id, case when status = 'returned' then 0 else amount end as net_amount from orders")
S("xform_case_operand_sqlite", "select id, case status when 'placed' then 1 when 'shipped' then 2 else 0 end as status_code from orders")
P("xform_nullif_round", "select round(amount / nullif(customer_id, 0), 2) as ratio from orders")
P("xform_date_functions", "select date_trunc('month', order_date) as order_month, extract(year from order_date) as order_year from orders")
S("xform_date_functions_sqlite", "select date(order_date) as order_day, strftime('%Y', order_date) as order_year from orders")
P("xform_greatest_least", "select greatest(amount, 0) as amount_floor, least(amount, 1000) as amount_cap from orders")
S("xform_unary_and_modulo_sqlite", "select -amount as negated, id % 2 as parity from orders")
P("xform_boolean_expression", "select id, amount > 100 and status <> 'returned' as is_big_kept from orders")

# --- string concatenation
B("concat_basic", "select first_name || ' ' || last_name as full_name from customers")
P("concat_with_cast", "select 'order-' || id::text as order_key from orders")
S("concat_mixed_sqlite", "select o.id || '-' || o.status as order_key, o.amount from orders o")
P("concat_function", "select concat(first_name, ' ', last_name) as full_name, concat_ws(',', country, email) as info from customers")

# --- literals and typed literals
P("literal_only", "select 1 as one, 'x' as letter, null as nothing, true as flag")
S("literal_only_sqlite", "select 1 as one, 'x' as letter, null as nil_value, 2.5 as half")
P("literal_mixed_with_columns", "select id, 'orders' as source_table, 42 as answer, current_date as load_date from orders")
S("literal_mixed_with_columns_sqlite", "select id, 'orders' as source_table, current_timestamp as loaded_at from orders")
P("literal_cast_null", "select id, null::text as placeholder, cast(0 as numeric) as zero from orders")
P("typed_literal_date", "select id, date '2020-01-01' as start_date, order_date - date '2020-01-01' as days_since from orders")
P("typed_literal_interval", "select id, order_date + interval '1 day' as next_day, interval '2 hours' as two_hours from orders")
P("typed_literal_timestamp_filter", "select timestamp '2021-06-01 00:00:00' as ts, order_date from orders where order_date >= date '2021-01-01'")

# --- aggregates
P("agg_count_star", "select count(*) as n from orders")
S("agg_count_star_sqlite", "select count(*) as n, count(email) as with_email from customers")
B("agg_all_functions", "select count(id) as n, sum(amount) as total, avg(amount) as mean, min(order_date) as first_order, max(order_date) as last_order from orders")
B("agg_count_distinct", "select count(distinct customer_id) as buyers, count(distinct status) as statuses from orders")
P("agg_of_expression", "select sum(quantity * unit_price) as revenue, sum(quantity) * 2 as double_qty from order_items")
P("agg_string_agg_array_agg", "select customer_id, string_agg(status, ',') as statuses, array_agg(id) as order_ids from orders group by customer_id")
S("agg_group_concat_sqlite", "select customer_id, group_concat(status, ',') as statuses from orders group by customer_id")
P("agg_bool_and_or", "select customer_id, bool_and(amount > 0) as all_positive, bool_or(status = 'returned') as any_returned from orders group by customer_id")
P("agg_filter_clause", "select count(*) filter (where status = 'completed') as completed, sum(amount) filter (where status <> 'returned') as kept_amount from orders")
P("agg_filter_grouped", "select customer_id, count(*) as order_count, count(*) filter (where amount > 100) as big_orders from orders group by customer_id")
B("agg_case_inside", "select sum(case when status = 'completed' then amount else 0 end) as completed_amount from orders")
P("agg_coalesce_outside", "select coalesce(sum(amount), 0) as total from orders")
S("agg_min_max_text_sqlite", "select min(email) as first_email, max(last_name) as last_name from customers")

# --- group by / having
B("group_basic", "select customer_id, count(*) as order_count, sum(amount) as total from orders group by customer_id")
P("group_having", "select customer_id, sum(amount) as total from orders group by customer_id having sum(amount) > 100")
S("group_having_count_sqlite", "select status, count(*) as n from orders group by status having count(*) > 1")
B("group_where_having", "select customer_id, avg(amount) as avg_amount from orders where status = 'completed' group by customer_id having count(*) >= 2")
P("group_by_expression", "select date_trunc('month', order_date) as order_month, sum(amount) as revenue from orders group by 1")
S("group_by_ordinal_sqlite", "select status, max(amount) as biggest from orders group by 1 order by 2 desc")
P("group_by_join", "select c.country, o.status, count(*) as n from orders o join customers c on c.id = o.customer_id group by c.country, o.status")
P("group_having_other_column", "select status, count(*) as n from orders group by status having max(order_date) > date '2020-01-01'")

# --- window functions
B("window_row_number", "select id, row_number() over (partition by customer_id order by order_date) as order_seq from orders")
P("window_sum_partition", "select id, sum(amount) over (partition by customer_id) as customer_total from orders")
S("window_running_sum_sqlite", "select id, sum(amount) over (order by order_date rows between unbounded preceding and current row) as running_total from orders")
P("window_frame_moving_avg", "select id, avg(amount) over (partition by customer_id order by order_date rows between 2 preceding and current row) as moving_avg from orders")
P("window_range_frame", "select id, count(*) over (order by order_date range between interval '7 days' preceding and current row) as orders_last_week from orders")
P("window_lag_lead", "select id, lag(amount) over (order by order_date) as prev_amount, lead(order_date, 1) over (partition by customer_id order by order_date) as next_date from orders")
S("window_rank_sqlite", "select id, rank() over (order by amount desc) as amount_rank, dense_rank() over (partition by status order by amount) as status_rank from orders")
P("window_named", "select id, sum(amount) over w as running, count(*) over w as n from orders window w as (partition by customer_id order by order_date)")
P("window_over_aggregate", "select customer_id, sum(amount) as total, rank() over (order by sum(amount) desc) as total_rank from orders group by customer_id")
P("window_first_value", "select id, first_value(amount) over (partition by customer_id order by order_date) as first_amount from orders")
S("window_ntile_sqlite", "select id, ntile(4) over (order by amount) as quartile from orders")
B("window_in_cte_then_filter", """
with ranked as (
    select id, customer_id, row_number() over (partition by customer_id order by order_date desc) as rn
    from orders
)
select id, customer_id from ranked where rn = 1""")
P("window_arithmetic_on_window", "select id, amount / sum(amount) over (partition by customer_id) as share from orders")

# --- CTE chains
B("cte_single", "with paid as (select id, amount from orders where status = 'paid') select id as order_id, amount from paid")
P("cte_two_chain", """
with o as (select id, customer_id, amount from orders),
totals as (select customer_id, sum(amount) as total from o group by customer_id)
select customer_id, total from totals""")
B("cte_three_chain", """
with base as (select id, customer_id, amount, status from orders),
completed as (select * from base where status = 'completed'),
per_customer as (select customer_id, count(*) as n, sum(amount) as revenue from completed group by customer_id)
select customer_id, n, revenue, revenue / n as avg_revenue from per_customer""")
B("cte_four_chain_join", """
with c as (select id, first_name from customers),
o as (select customer_id, amount from orders),
agg as (select customer_id, sum(amount) as total from o group by customer_id),
final as (select c.id, c.first_name, agg.total from c left join agg on agg.customer_id = c.id)
select * from final""")
P("cte_referenced_twice", """
with o as (select customer_id, amount from orders)
select a.customer_id, a.amount, b.amount as other_amount
from o a join o b on a.customer_id = b.customer_id and a.amount < b.amount""")
P("cte_unused", "with unused as (select email from customers where country = 'x'), o as (select id from orders) select id from o", no_filters=True)
B("cte_column_list", "with o(order_id, total) as (select id, amount from orders) select order_id, total from o")
P("cte_shadows_table", "with orders as (select id, amount * 2 as amount from orders) select id, amount from orders")
P("cte_inside_subquery", "select x.id from (with t as (select id from orders) select id from t) x")
S("cte_rename_chain_sqlite", """
with a as (select id as a_id, amount as a_amount from orders),
b as (select a_id as b_id, a_amount as b_amount from a),
c as (select b_id as c_id, b_amount * 2 as c_amount from b)
select c_id, c_amount from c""")
P("cte_transform_then_copy", """
with t as (select id, amount * 2 as doubled from orders),
u as (select id, doubled from t)
select id, doubled as final_amount from u""")

# --- WITH RECURSIVE
B("recursive_counter", "with recursive nums(n) as (select 1 union all select n + 1 from nums where n < 10) select n from nums")
B("recursive_hierarchy", """
with recursive chain as (
    select id, name, manager_id, 1 as depth from employees where manager_id is null
    union all
    select e.id, e.name, e.manager_id, c.depth + 1 from employees e join chain c on e.manager_id = c.id
)
select id, name, depth from chain""")
P("recursive_dates", """
with recursive days as (
    select date '2020-01-01' as day
    union all
    select (day + interval '1 day')::date from days where day < date '2020-01-31'
)
select day from days""")

# --- subqueries in FROM
B("subq_from_basic", "select s.id, s.total from (select id, amount * 2 as total from orders) s")
P("subq_from_nested", """
select x.customer_id, x.n
from (select customer_id, count(*) as n
      from (select customer_id from orders where amount > 0) y
      group by customer_id) x
where x.n > 1""")
B("subq_from_join", """
select c.email, t.total
from customers c
join (select customer_id, sum(amount) as total from orders group by customer_id) t on t.customer_id = c.id""")
S("subq_from_rename_sqlite", "select q.k, q.v from (select id as k, status as v from orders) as q")

# --- scalar subqueries in SELECT
P("subq_scalar_uncorrelated", "select id, (select max(amount) from orders) as max_amount from orders")
B("subq_scalar_correlated_count", "select c.id, (select count(*) from orders o where o.customer_id = c.id) as order_count from customers c")
P("subq_scalar_correlated_column", "select o.id, (select c.email from customers c where c.id = o.customer_id) as customer_email from orders o")
S("subq_scalar_in_arithmetic_sqlite", "select p.name, p.price - (select avg(price) from products) as diff_from_avg from products p")

# --- IN / EXISTS subqueries in WHERE
B("subq_in", "select id, amount from orders where customer_id in (select id from customers where country = 'US')")
B("subq_not_exists", "select c.id, c.email from customers c where not exists (select 1 from orders o where o.customer_id = c.id)")
P("subq_where_scalar_compare", "select id from orders where amount > (select avg(amount) from orders)")
P("subq_in_cte", """
with big as (select customer_id from orders where amount > 500)
select id, email from customers where id in (select customer_id from big)""")
S("subq_exists_sqlite", "select p.id, p.name from products p where exists (select 1 from order_items i where i.product_id = p.id and i.quantity > 10)")

# --- joins
B("join_inner", "select o.id as order_id, c.email from orders o inner join customers c on c.id = o.customer_id")
B("join_left", "select c.id, c.first_name, o.amount from customers c left join orders o on o.customer_id = c.id")
S("join_left_outer_sqlite", "select c.id, o.id as order_id from customers c left outer join orders o on o.customer_id = c.id and o.status = 'completed'")
B("join_right", "select o.id, c.email from customers c right join orders o on o.customer_id = c.id")
B("join_full", "select c.id as customer_id, o.id as order_id from customers c full outer join orders o on o.customer_id = c.id")
B("join_cross", "select c.id as customer_id, p.id as product_id, p.price from customers c cross join products p")
B("join_comma", "select c.email, o.amount from customers c, orders o where o.customer_id = c.id")
P("join_three_way", """
select o.id, c.email, p.method
from orders o
join customers c on c.id = o.customer_id
left join payments p on p.order_id = o.id""")
P("join_multi_condition", "select o.id, p.amount as paid from orders o join payments p on p.order_id = o.id and p.amount = o.amount and p.method <> 'gift'")
B("join_using_basic", "select user_id, e.event_type, s.channel from events e join sessions s using (user_id)")
B("join_using_star", "select * from events join sessions using (user_id)")
P("join_using_left", "select user_id, s.session_id from events e left join sessions s using (user_id)")
P("join_using_full", "select user_id, e.id as event_id, s.session_id from events e full join sessions s using (user_id)")
B("join_using_two_columns", "select account_id, region, owner, balance from accounts join account_balances using (account_id, region)")
B("join_natural", "select * from accounts natural join account_balances")
P("join_natural_left", "select account_id, balance from accounts natural left join account_balances")
P("join_using_qualified_refs", "select e.user_id as event_user, s.user_id as session_user from events e join sessions s using (user_id)")
P("join_using_column_in_expression", "select user_id * 10 as scaled_user, max(user_id) over () as max_user from events join sessions using (user_id)")
B("join_using_column_in_where", "select e.id, s.session_id from events e join sessions s using (user_id) where user_id > 10")
B("join_using_ctes_star", """
with e as (select user_id, event_type from events),
s as (select user_id, channel from sessions)
select * from e join s using (user_id)""")
S("join_natural_left_sqlite", "select account_id, region, balance from accounts natural left join account_balances")
P("join_natural_ctes", """
with a as (select account_id, owner from accounts),
b as (select account_id, balance * 100 as balance_cents from account_balances)
select * from a natural join b""")
P("join_using_three_tables", """
select account_id, a.owner, b.balance, i.warehouse
from accounts a
join account_balances b using (account_id)
left join (select product_id as account_id, warehouse from inventory) i using (account_id)""")
P("join_on_true_cross", "select d.dept_name, e.name from departments d join employees e on true")
S("join_four_tables_sqlite", """
select o.id as order_id, c.email, p.name as product_name, i.quantity
from orders o
join customers c on c.id = o.customer_id
join order_items i on i.order_id = o.id
join products p on p.id = i.product_id
where p.category = 'books'""")
P("join_expression_condition", "select o.id, p.id as payment_id from orders o join payments p on p.order_id = o.id and p.paid_at::date = o.order_date")

# --- self joins
B("self_join_manager", "select e.name as employee, m.name as manager from employees e left join employees m on m.id = e.manager_id")
P("self_join_same_dept", "select a.id as emp_a, b.id as emp_b from employees a join employees b on a.dept_id = b.dept_id and a.id < b.id")
P("self_join_previous_order", """
select cur.id, prev.amount as prev_amount, cur.amount - prev.amount as delta
from orders cur join orders prev on prev.customer_id = cur.customer_id and prev.order_date < cur.order_date""")

# --- star expansion
B("star_table", "select * from customers")
B("star_qualified_with_join", "select c.*, o.amount from customers c join orders o on o.customer_id = c.id")
P("star_from_cte", "with c as (select id, email from customers) select * from c")
B("star_through_cte_chain", "with a as (select * from orders), b as (select * from a where amount > 0) select * from b")
B("star_join_two_tables", "select * from products p join inventory i on i.product_id = p.id")
P("star_with_extra_column", "select *, amount * 2 as double_amount from orders")
S("star_qualified_with_literal_sqlite", "select o.*, 1 as flag from orders o")
P("star_from_subquery", "select * from (select id, upper(email) as email from customers) sub")
P("star_qualified_two_ctes", """
with c as (select id as customer_id, country from customers),
o as (select id as order_id, customer_id as buyer_id, amount from orders)
select c.*, o.* from c join o on o.buyer_id = c.customer_id""")
S("star_cte_over_join_sqlite", """
with j as (select o.id as order_id, o.amount, c.country from orders o join customers c on c.id = o.customer_id)
select * from j""")

# --- set operations
B("setop_union", "select id, email from customers union select id, status from orders")
P("setop_union_all_literal_column", "select id as key, 'customer' as kind from customers union all select id, 'order' from orders")
B("setop_union_all_mixed_kinds", "select id, amount from orders union all select id, price * 2 from products")
B("setop_intersect", "select customer_id from orders intersect select id from customers")
B("setop_except", "select id from customers except select customer_id from orders")
P("setop_three_branches", "select id, amount from orders union all select id, amount from payments union all select id, price from products")
B("setop_in_cte", "with all_ids as (select customer_id as id from orders union select id from customers) select id from all_ids")
P("setop_union_aggregates", "select status as k, count(*) as n from orders group by status union all select method, count(*) from payments group by method")
S("setop_order_limit_sqlite", "select id from customers union select customer_id from orders order by 1 limit 10")
B("setop_union_star", "select * from tags union all select * from labels")
P("setop_parenthesized", "(select id from customers) union (select customer_id from orders)")
P("setop_union_then_join", """
with ids as (select id, tag as name from tags union all select id, label from labels)
select ids.name, p.price from ids join products p on p.id = ids.id""")
S("setop_branch_where_sqlite", "select id, amount from orders where status = 'a' union all select id, amount from payments where method = 'card'")

# --- DISTINCT / DISTINCT ON
P("distinct_basic", "select distinct status from orders")
S("distinct_two_columns_sqlite", "select distinct customer_id, status from orders")
P("distinct_on", "select distinct on (customer_id) customer_id, id as latest_order_id, order_date from orders order by customer_id, order_date desc")
P("distinct_on_expression", "select distinct on (lower(email)) id, email from customers order by lower(email), created_at desc")

# --- ORDER BY / LIMIT / OFFSET
P("order_limit", "select id, amount from orders order by amount desc limit 10")
S("order_limit_offset_sqlite", "select id, amount from orders order by order_date limit 5 offset 10")
P("order_offset_fetch", "select id from orders order by id offset 5 rows fetch first 10 rows only")
P("order_by_alias_nulls_last", "select id, amount * 2 as dbl from orders order by dbl desc nulls last")

# --- VALUES in FROM
P("values_basic", "select v.code, v.label from (values (1, 'one'), (2, 'two')) as v(code, label)")
S("values_cte_sqlite", "with v(code, label) as (values (1, 'one'), (2, 'two')) select code, label from v")
P("values_join", """
select o.id, s.label
from orders o join (values ('completed', 'Done'), ('placed', 'Open')) as s(status, label) on s.status = o.status""")
S("values_cte_join_sqlite", """
with s(status, label) as (values ('completed', 'Done'), ('placed', 'Open'))
select o.id, s.label from orders o join s on s.status = o.status""")

# --- quoted identifiers and mixed case
P("quoted_columns", 'select "Order Id" as order_id, "Customer Name", "Total Amount" * 100 as cents from legacy_orders')
P("quoted_output_alias", 'select id as "Order Id", amount as "Amount (USD)" from orders')
S("quoted_columns_sqlite", 'select "order id" as order_id, "customer name" from legacy_orders')
P("quoted_star", "select * from legacy_orders")
P("quoted_table_alias", 'select "o"."Order Id", "o"."Is Paid" as paid from legacy_orders "o"')
B("quoted_keyword_columns", 'select "group" as grp, "order", "select" from weird')
P("quoted_in_cte", 'with l as (select "Order Id" as id, "Total Amount" as total from legacy_orders where "Is Paid") select id, total from l')
P("mixed_case_unquoted", "SELECT O.ID, O.Customer_ID AS CustomerId, Amount FROM Orders O")
S("mixed_case_unquoted_sqlite", "SELECT O.ID, O.Customer_ID AS CustomerId, Amount FROM Orders O WHERE O.Status = 'x'")
P("mixed_case_cte", "WITH Paid AS (SELECT ID, Amount FROM ORDERS WHERE Status = 'paid') SELECT paid.id, PAID.AMOUNT FROM Paid")

# --- schema-qualified tables
B("schema_qualified", "select o.id, o.user_id, o.status from raw.orders o")
B("schema_qualified_join", "select o.id, c.first_name from raw.orders o join raw.customers c on c.id = o.user_id")
P("schema_qualified_table_name_ref", "select orders.id, orders.status from raw.orders")

# --- LATERAL
P("lateral_aggregate", "select c.id, l.total from customers c, lateral (select sum(o.amount) as total from orders o where o.customer_id = c.id) l")
P("lateral_left_join_top1", """
select c.id, last_o.order_date
from customers c
left join lateral (select o.order_date from orders o where o.customer_id = c.id order by o.order_date desc limit 1) last_o on true""")

# --- comments
P("comment_line_and_block", """
-- pick the columns we need
select id, -- the key
       amount /* money */ as amount_total
from orders /* all of them */""")
S("comment_block_sqlite", """
/* staging model */
select c.id, -- id
       c.email
from customers c -- trailing
""")
P("comment_in_cte", """
with o as (
    -- only completed
    select id, amount from orders where status = 'completed' /* filter */
)
select id, amount from o""")

# --- dbt-style models
B("dbt_stg_customers", """
with source as (
    select * from raw.customers
),
renamed as (
    select
        id as customer_id,
        first_name,
        last_name,
        email
    from source
)
select * from renamed""")
B("dbt_stg_orders", """
with source as (
    select * from raw.orders
),
renamed as (
    select
        id as order_id,
        user_id as customer_id,
        order_date,
        status
    from source
)
select * from renamed""")
B("dbt_stg_payments", """
with source as (
    select * from raw.payments
),
renamed as (
    select
        id as payment_id,
        orderid as order_id,
        paymentmethod as payment_method,
        -- amount is stored in cents, convert it to dollars
        amount / 100.0 as amount
    from source
)
select * from renamed""")
B("dbt_customers_mart", """
with customers as (
    select id as customer_id, first_name, last_name from raw.customers
),
orders as (
    select id as order_id, user_id as customer_id, order_date, status from raw.orders
),
payments as (
    select id as payment_id, orderid as order_id, amount / 100.0 as amount from raw.payments
),
customer_orders as (
    select
        customer_id,
        min(order_date) as first_order,
        max(order_date) as most_recent_order,
        count(order_id) as number_of_orders
    from orders
    group by customer_id
),
customer_payments as (
    select
        orders.customer_id,
        sum(amount) as total_amount
    from payments
    left join orders on payments.order_id = orders.order_id
    group by orders.customer_id
),
final as (
    select
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customer_orders.first_order,
        customer_orders.most_recent_order,
        customer_orders.number_of_orders,
        customer_payments.total_amount as customer_lifetime_value
    from customers
    left join customer_orders on customers.customer_id = customer_orders.customer_id
    left join customer_payments on customers.customer_id = customer_payments.customer_id
)
select * from final""")
B("dbt_orders_mart", """
with orders as (
    select id as order_id, user_id as customer_id, order_date, status from raw.orders
),
payments as (
    select orderid as order_id, paymentmethod as payment_method, amount / 100.0 as amount from raw.payments
),
order_payments as (
    select
        order_id,
        sum(case when payment_method = 'credit_card' then amount else 0 end) as credit_card_amount,
        sum(case when payment_method = 'coupon' then amount else 0 end) as coupon_amount,
        sum(amount) as total_amount
    from payments
    group by order_id
),
final as (
    select
        orders.order_id,
        orders.customer_id,
        orders.order_date,
        orders.status,
        order_payments.credit_card_amount,
        order_payments.coupon_amount,
        order_payments.total_amount as amount
    from orders
    left join order_payments on orders.order_id = order_payments.order_id
)
select * from final""")
P("dbt_surrogate_key", """
select
    md5(cast(coalesce(cast(id as text), '') || '-' || coalesce(cast(customer_id as text), '') as text)) as order_key,
    id as order_id
from orders""")
P("dbt_incremental_filter", """
select id, user_id, event_type, occurred_at
from events
where occurred_at > (select max(occurred_at) from events)""")
P("dbt_fct_orders_with_dims", """
with orders as (select * from orders),
customers as (select * from customers),
items as (
    select order_id, sum(quantity * unit_price) as items_total, count(*) as item_count
    from order_items group by order_id
)
select
    orders.id as order_id,
    customers.id as customer_id,
    customers.country,
    orders.order_date,
    items.items_total,
    items.item_count,
    orders.amount - coalesce(items.items_total, 0) as unexplained_amount
from orders
join customers on customers.id = orders.customer_id
left join items on items.order_id = orders.id""")
S("dbt_daily_revenue_sqlite", """
with valid_orders as (
    select * from orders where status != 'cancelled'
),
daily as (
    select order_date as day, count(*) as orders, sum(amount) as revenue
    from valid_orders
    group by order_date
)
select day, orders, revenue, revenue / orders as avg_order_value
from daily
order by day""")
P("dbt_sessionized_events", """
with events as (
    select id as event_id, user_id, occurred_at, event_type from events
),
sessions as (
    select session_id, user_id, started_at, channel from sessions
),
joined as (
    select
        e.event_id,
        e.user_id,
        s.session_id,
        s.channel,
        e.occurred_at - s.started_at as time_into_session
    from events e
    join sessions s on s.user_id = e.user_id and e.occurred_at >= s.started_at
)
select * from joined""")

# ---------------------------------------------------------------------------------------------
# Hand overrides, keyed by case name: "columns" maps an output column to the corrected
# {"kind", "sources"} (either key optional); "filters"/"joins" replace those lists; "reason"
# becomes the case's "reviewed" note.
# ---------------------------------------------------------------------------------------------

_RECURSIVE_NOTE = ("filters/joins set by hand: the cross-check cannot follow the recursive CTE "
                   "reference c.id (chain.id -> employees.id in both branches)")
_LATERAL_NOTE = ("sqlglot's lineage does not descend into a LATERAL subquery: it reported the "
                 "correlation column customers.id as the source and 'copy'; corrected to the "
                 "column the LATERAL subquery selects")

OVERRIDES: dict[str, dict] = {
    "recursive_hierarchy": {"filters": ["employees.manager_id"],
                            "joins": ["employees.id", "employees.manager_id"],
                            "reason": _RECURSIVE_NOTE},
    "recursive_hierarchy_sqlite": {"filters": ["employees.manager_id"],
                                   "joins": ["employees.id", "employees.manager_id"],
                                   "reason": _RECURSIVE_NOTE},
    "window_named": {
        "columns": {"running": {"kind": "transform",
                                "sources": ["orders.amount", "orders.customer_id", "orders.order_date"]},
                    "n": {"kind": "transform", "sources": ["orders.customer_id", "orders.order_date"]}},
        "reason": ("sqlglot does not resolve the named window 'w' (WINDOW clause), so it misses the "
                   "PARTITION BY/ORDER BY columns; added them as for an inline OVER (...)")},
    "lateral_aggregate": {"columns": {"total": {"kind": "aggregate", "sources": ["orders.amount"]}},
                          "reason": _LATERAL_NOTE},
    "lateral_left_join_top1": {"columns": {"order_date": {"kind": "copy", "sources": ["orders.order_date"]}},
                               "reason": _LATERAL_NOTE},
}

# ---------------------------------------------------------------------------------------------
# Engine
# ---------------------------------------------------------------------------------------------


class Drop(Exception):
    pass


def table_key(table: exp.Table) -> str:
    parts = [p for p in (table.catalog, table.db, table.name) if p]
    return ".".join(parts).lower()


def base_tables(sql: str, dialect: str) -> list[str]:
    """Base tables read by the query (CTE references resolved by sqlglot's scope analysis)."""
    root = build_scope(sqlglot.parse_one(sql, read=dialect))
    keys = set()
    for scope in root.traverse():
        for src in scope.sources.values():
            if isinstance(src, exp.Table) and src.name:
                keys.add(table_key(src))
    return sorted(keys)


def sqlglot_schema(schema: dict[str, list[list[str]]]) -> dict:
    out: dict = {}
    for key, cols in schema.items():
        node = out
        parts = key.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = {'"%s"' % name: typ for name, typ in cols}
    depths = {len(k.split(".")) for k in schema}
    if len(depths) > 1:
        raise Drop("schema mixes qualified and unqualified table names")
    return out


def is_aggregate_call(node: exp.AggFunc) -> bool:
    parent = node.parent
    if isinstance(parent, exp.Filter):
        parent = parent.parent
    return not isinstance(parent, exp.Window)


def classify(select_expr: exp.Expr) -> str:
    """Classify one step of a lineage path: copy / aggregate / transform."""
    e = select_expr.this if isinstance(select_expr, exp.Alias) else select_expr
    if any(is_aggregate_call(a) for a in e.find_all(exp.AggFunc)):
        return "aggregate"
    while isinstance(e, (exp.Cast, exp.TryCast, exp.Paren)):
        e = e.this
    if isinstance(e, exp.Column):
        return "copy"
    # A COALESCE that sqlglot synthesised for a USING/NATURAL merged column (not user-written).
    if isinstance(e, exp.Coalesce) and not e.meta.get("user") and all(
        isinstance(a, exp.Column) for a in [e.this, *e.expressions]
    ):
        return "copy"
    return "transform"


def combine(kinds: set[str]) -> str:
    if "aggregate" in kinds:
        return "aggregate"
    return "copy" if kinds == {"copy"} else "transform"


def column_name(name: str, dialect: str) -> str:
    node = sqlglot.parse_one(name, read=dialect)
    return node.name


# --- sqlglot's answer -------------------------------------------------------------------------

def sqlglot_lineage(qualified: exp.Expr, schema: dict, dialect: str) -> dict[str, tuple[list[str], str]]:
    nodes = lineage(None, qualified, schema, dialect=dialect, scope=build_scope(qualified), copy=False)
    out = {}
    for name, root in nodes.items():
        sources, kinds = set(), set()
        for node in root.walk():
            e = node.expression
            if isinstance(e, exp.Table):
                sources.add(table_key(e) + "." + column_name(node.name, dialect))
            elif isinstance(node.source, exp.Values):
                kinds.add("transform")  # a VALUES column: literals, no base column
            elif isinstance(e, (exp.Identifier, exp.Placeholder, exp.Lateral)):
                continue  # LATERAL pieces: no base column
            elif isinstance(node.source, exp.SetOperation) and not isinstance(node.source, exp.Select):
                continue  # the neutral node sqlglot puts on top of a set operation
            elif isinstance(e, exp.Star) or not isinstance(node.source, exp.Select):
                continue
            else:
                kinds.add(classify(e))
        out[name] = (sorted(sources), combine(kinds))
    return out


# --- independent cross-check on sqlglot's scopes ----------------------------------------------

class Resolver:
    def __init__(self, dialect: str):
        self.dialect = dialect
        self.unresolved: list[str] = []

    def find_source(self, scope: Scope, table: str):
        s = scope
        while s is not None:
            if table in s.sources:
                return s.sources[table]
            s = s.parent
        return None

    def column(self, scope: Scope, col: exp.Column, kinds: set, seen: frozenset) -> set[str]:
        src = self.find_source(scope, col.table)
        if isinstance(src, exp.Table):
            return {table_key(src) + "." + col.name}
        if isinstance(src, Scope):
            return self.named(src, col.name, kinds, seen)
        self.unresolved.append(col.sql(dialect=self.dialect))
        return set()

    def inner(self, scope: Scope) -> Scope:
        # LATERAL / derived tables wrap the query scope
        if isinstance(scope.expression, exp.Lateral):
            for s in scope.sources.values():
                if isinstance(s, Scope):
                    return s
        return scope

    def named(self, scope: Scope, name: str, kinds: set, seen: frozenset) -> set[str]:
        scope = self.inner(scope)
        q = scope.expression
        if isinstance(q, exp.SetOperation):
            names = q.named_selects
            if name not in names:
                self.unresolved.append(name)
                return set()
            return self.index(scope, names.index(name), kinds, seen)
        if isinstance(q, exp.Values) or (isinstance(q, exp.Subquery) and isinstance(q.this, exp.Values)):
            kinds.add("transform")
            return set()
        if not isinstance(q, exp.Select):
            self.unresolved.append(f"{name} in {type(q).__name__}")
            return set()
        for sel in q.selects:
            if sel.alias_or_name == name:
                return self.expr(scope, sel, kinds, seen)
        self.unresolved.append(name)
        return set()

    def index(self, scope: Scope, i: int, kinds: set, seen: frozenset) -> set[str]:
        key = (id(scope), i)
        if key in seen:  # recursive CTE self-reference
            return set()
        seen = seen | {key}
        q = scope.expression
        if isinstance(q, exp.SetOperation):
            out = set()
            for branch in scope.set_operation_scopes:
                out |= self.index(branch, i, kinds, seen)
            return out
        if isinstance(q, exp.Select):
            return self.expr(scope, q.selects[i], kinds, seen)
        kinds.add("transform")
        return set()

    def expr(self, scope: Scope, e: exp.Expr, kinds: set, seen: frozenset, step: bool = True) -> set[str]:
        if step:
            kinds.add(classify(e))
        out = set()
        for col in find_all_in_scope(e, exp.Column):
            out |= self.column(scope, col, kinds, seen)
        subscopes = {id(s.expression): s for s in scope.subquery_scopes}
        for q in find_all_in_scope(e, *exp.UNWRAPPED_QUERIES):
            sub = subscopes.get(id(q))
            if sub is None:
                self.unresolved.append("subquery " + q.sql()[:40])
                continue
            if isinstance(q.parent, exp.Exists):
                continue
            for n in q.named_selects:
                out |= self.named(sub, n, kinds, seen)
        return out

    def clause_columns(self, root: Scope) -> tuple[set[str], set[str]]:
        filters, joins = set(), set()
        for scope in root.traverse():
            q = scope.expression
            if not isinstance(q, exp.Select):
                continue
            for key in ("where", "having", "qualify"):
                clause = q.args.get(key)
                if clause is not None:
                    filters |= self.expr(scope, clause, set(), frozenset(), step=False)
            for join in q.args.get("joins") or []:
                on = join.args.get("on")
                if on is not None:
                    joins |= self.expr(scope, on, set(), frozenset(), step=False)
                if join.args.get("using") or join.method == "NATURAL":
                    self.unresolved.append("USING/NATURAL left unexpanded")
        return filters, joins


# --- checks -----------------------------------------------------------------------------------

def run_sqlite(case: dict) -> list[str]:
    conn = sqlite3.connect(":memory:")
    try:
        attached = set()
        for key, cols in case["schema"].items():
            if "." in key:
                db = key.split(".")[0]
                if db not in attached:
                    conn.execute(f"attach database ':memory:' as {db}")
                    attached.add(db)
            coldefs = ", ".join(f'"{n}" {t}' for n, t in cols)
            conn.execute(f"create table {key} ({coldefs})")
        cur = conn.execute(case["sql"])
        return [d[0] for d in cur.description]
    except sqlite3.Error as e:
        raise Drop(f"sqlite cannot execute it: {e}")
    finally:
        conn.close()


def build_case(case: dict) -> tuple[dict, list[str]]:
    """Returns (fixture case, notes).  Raises Drop."""
    name, dialect, sql = case["name"], case["dialect"], case["sql"]
    catalog = CATALOG_PG if dialect == "postgres" else CATALOG_SQLITE
    try:
        sqlglot.parse(sql, read=dialect)
        tables = base_tables(sql, dialect)
    except sqlglot.errors.SqlglotError as e:
        raise Drop(f"sqlglot cannot parse it: {e}")
    missing = [t for t in tables if t not in catalog]
    if missing:
        raise Drop(f"tables not in the catalog: {missing}")
    schema = {t: parse_columns(catalog[t], dialect) for t in tables}
    sg_schema = sqlglot_schema(schema)

    def qualified_tree():
        tree = sqlglot.parse_one(sql, read=dialect)
        for c in tree.find_all(exp.Coalesce):
            c.meta["user"] = True
        return qualify(tree, dialect=dialect, schema=sg_schema, validate_qualify_columns=False, identify=False)

    try:
        qualify(sqlglot.parse_one(sql, read=dialect), dialect=dialect, schema=sg_schema,
                validate_qualify_columns=True, identify=False)
        q1 = qualified_tree()
        names = list(q1.named_selects)
        sg = sqlglot_lineage(q1, sg_schema, dialect)
    except (sqlglot.errors.SqlglotError, ValueError, KeyError) as e:
        raise Drop(f"sqlglot lineage failed: {type(e).__name__}: {e}")
    if len(set(names)) != len(names) or set(names) != set(sg):
        raise Drop(f"output names not unique/resolvable: {names}")

    q2 = qualified_tree()
    root = build_scope(q2)
    res = Resolver(dialect)
    mine = {}
    for i, sel in enumerate(root.expression.selects):
        kinds: set = set()
        if isinstance(root.expression, exp.SetOperation):
            srcs = res.index(root, i, kinds, frozenset())
        else:
            srcs = res.expr(root, sel, kinds, frozenset())
        mine[sel.alias_or_name] = (sorted(srcs), combine(kinds))
    filters, joins = res.clause_columns(root)

    notes = []
    override = OVERRIDES.get(name, {})
    columns = []
    for n in names:
        sources, kind = sg[n]
        o = override.get("columns", {}).get(n)
        if o is not None:
            sources, kind = sorted(set(o.get("sources", sources))), o.get("kind", kind)
        elif mine.get(n) != (sources, kind):
            raise Drop(f"column {n}: sqlglot says {kind} {sources}, cross-check says "
                       f"{mine.get(n)[1]} {mine.get(n)[0]}")
        columns.append({"name": n, "kind": kind, "sources": sources})
    if res.unresolved and not ({"filters", "joins"} <= set(override) or case.get("no_filters")):
        notes.append(f"cross-check could not resolve {res.unresolved}")

    if dialect == "sqlite":
        got = run_sqlite({"schema": schema, "sql": sql})
        if [g.lower() for g in got] != [n.lower() for n in names]:
            raise Drop(f"sqlite output columns {got} != expected {names}")

    out = {"name": name, "dialect": dialect, "sql": sql,
           "schema": {k: schema[k] for k in sorted(schema)}, "columns": columns}
    if "filters" in override:
        out["filters"] = sorted(set(override["filters"]))
    elif not case.get("no_filters") and not res.unresolved:
        out["filters"] = sorted(filters)
    if "joins" in override:
        out["joins"] = sorted(set(override["joins"]))
    elif not case.get("no_joins") and not res.unresolved:
        out["joins"] = sorted(joins)
    if override.get("reason"):
        out["reviewed"] = override["reason"]
    return out, notes


def render(doc: dict) -> str:
    """Stable, diff-friendly JSON: one output column / schema table per line."""
    d = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    cases = []
    for c in doc["cases"]:
        lines = [f'    "{k}": {d(c[k])}' for k in ("name", "dialect", "sql")]
        tables = ",\n".join(f"      {d(t)}: {d(cols)}" for t, cols in c["schema"].items())
        lines.append('    "schema": {\n' + tables + "\n    }")
        cols = ",\n".join(f"      {d(col)}" for col in c["columns"])
        lines.append('    "columns": [\n' + cols + "\n    ]")
        lines += [f'    "{k}": {d(c[k])}' for k in ("filters", "joins", "reviewed") if k in c]
        cases.append("  {\n" + ",\n".join(lines) + "\n  }")
    return ('{\n "generator": ' + d(doc["generator"]) + ',\n "cases": [\n'
            + ",\n".join(cases) + "\n ]\n}\n")


def category(name: str) -> str:
    return name.split("_")[0]


def main(argv: list[str]) -> int:
    review = "--review" in argv
    names = [c["name"] for c in CASES]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"duplicate case names: {dupes}"
    assert all(re.fullmatch(r"[a-z0-9_]+", n) for n in names)
    unknown = set(OVERRIDES) - set(names)
    assert not unknown, f"overrides for unknown cases: {unknown}"

    built, dropped = [], []
    for case in CASES:
        try:
            out, notes = build_case(case)
        except Drop as e:
            dropped.append((case["name"], str(e)))
            continue
        for note in notes:
            print(f"note: {case['name']}: {note}", file=sys.stderr)
        built.append(out)

    doc = {"generator": f"scripts/gen_lineage_vectors.py with sqlglot {sqlglot.__version__}", "cases": built}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(doc))

    if review:
        for c in built:
            print(f"== {c['name']} [{c['dialect']}]{'  REVIEWED' if 'reviewed' in c else ''}")
            print("   " + " ".join(c["sql"].split()))
            for col in c["columns"]:
                print(f"   {col['name']:<28} {col['kind']:<10} {', '.join(col['sources'])}")
            print(f"   filters={c.get('filters', 'OMITTED')} joins={c.get('joins', 'OMITTED')}")
    for n, why in dropped:
        print(f"DROPPED {n}: {why}", file=sys.stderr)
    by_dialect: dict[str, int] = {}
    by_cat: dict[str, int] = {}
    for c in built:
        by_dialect[c["dialect"]] = by_dialect.get(c["dialect"], 0) + 1
        by_cat[category(c["name"])] = by_cat.get(category(c["name"]), 0) + 1
    print(f"wrote {len(built)} cases to {OUT.relative_to(ROOT)} ({by_dialect}); dropped {len(dropped)}",
          file=sys.stderr)
    print("per category: " + ", ".join(f"{k}={v}" for k, v in sorted(by_cat.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/bin/bash
# Re-runs every error/edge case recorded in evidence/console_error_cases.txt.
# Requires: Postgres up (pg_up.sh), raw.payments created, and the models already built
# in schema analytics (reproduce.sh does `dbt run` first) because fixtures look up column types.
W=${W:-/tmp/unitvec}; S=$(cd "$(dirname "$0")" && pwd)
export W

$S/errcase.sh e01_model_missing <<'YAML'
version: 2
unit_tests:
  - name: ut_no_such_model
    model: does_not_exist
    given: []
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e02_model_key_missing <<'YAML'
version: 2
unit_tests:
  - name: ut_no_model_key
    given: []
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e03_expect_missing <<'YAML'
version: 2
unit_tests:
  - name: ut_no_expect
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
YAML

$S/errcase.sh e04_given_missing <<'YAML'
version: 2
unit_tests:
  - name: ut_no_given
    model: stg_customers
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e05_bad_input_string <<'YAML'
version: 2
unit_tests:
  - name: ut_bad_input
    model: stg_customers
    given:
      - input: raw_customers
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e06_input_not_dependency <<'YAML'
version: 2
unit_tests:
  - name: ut_extra_input
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1, email: a@b.c, created_at: "2024-01-01"}]
      - input: ref('stg_orders')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1, email: a@b.c}]
YAML

$S/errcase.sh e07_input_ref_nonexistent <<'YAML'
version: 2
unit_tests:
  - name: ut_ref_nope
    model: stg_customers
    given:
      - input: ref('nope')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e08_unknown_format <<'YAML'
version: 2
unit_tests:
  - name: ut_json_format
    model: stg_customers
    given:
      - input: ref('raw_customers')
        format: json
        rows: '[{"id": 1}]'
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e09_csv_wrong_column <<'YAML'
version: 2
unit_tests:
  - name: ut_csv_bad_col
    model: stg_customers
    given:
      - input: ref('raw_customers')
        format: csv
        rows: |
          id,bogus
          1,x
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e10_expect_wrong_column <<'YAML'
version: 2
unit_tests:
  - name: ut_expect_bad_col
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1, nope: 2}]
YAML

$S/errcase.sh e11_dict_rows_is_string <<'YAML'
version: 2
unit_tests:
  - name: ut_dict_string
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: "id\n1"
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e12_csv_rows_is_list <<'YAML'
version: 2
unit_tests:
  - name: ut_csv_list
    model: stg_customers
    given:
      - input: ref('raw_customers')
        format: csv
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e13_fixture_not_found <<'YAML'
version: 2
unit_tests:
  - name: ut_missing_fixture
    model: stg_customers
    given:
      - input: ref('raw_customers')
        format: csv
        fixture: no_such_fixture
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e14_incremental_no_override <<'YAML'
version: 2
unit_tests:
  - name: ut_incr_no_override
    model: fct_orders_incr
    given:
      - input: ref('stg_orders')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e15_incremental_no_this <<'YAML'
version: 2
unit_tests:
  - name: ut_incr_no_this
    model: fct_orders_incr
    overrides:
      macros: {is_incremental: true}
    given:
      - input: ref('stg_orders')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e16_versions_on_unversioned <<'YAML'
version: 2
unit_tests:
  - name: ut_versions_unversioned
    model: stg_customers
    versions:
      include: [1]
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e17_version_not_found <<'YAML'
version: 2
unit_tests:
  - name: ut_version_nf
    model: customer_summary
    versions:
      include: [7]
    given:
      - input: ref('stg_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e18_bad_value_type <<'YAML'
version: 2
unit_tests:
  - name: ut_bad_value
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: abc, email: a@b.c}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e19_duplicate_name <<'YAML'
version: 2
unit_tests:
  - name: ut_dup
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
  - name: ut_dup
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 2}]
    expect:
      rows: [{id: 2}]
YAML

$S/errcase.sh e20_name_missing <<'YAML'
version: 2
unit_tests:
  - model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e21_source_nonexistent <<'YAML'
version: 2
unit_tests:
  - name: ut_src_nope
    model: dim_customers
    given:
      - input: source('raw', 'nope')
        rows: [{id: 1}]
    expect:
      rows: [{customer_id: 1}]
YAML

$S/errcase.sh e22_missing_input_for_ref <<'YAML'
version: 2
unit_tests:
  - name: ut_missing_inputs
    model: dim_customers
    given:
      - input: ref('stg_customers')
        rows: [{id: 1, email: a@b.c}]
    expect:
      rows: [{customer_id: 1}]
YAML

$S/errcase.sh e23_unknown_property <<'YAML'
version: 2
unit_tests:
  - name: ut_extra_prop
    model: stg_customers
    givens: []
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e24_versions_include_and_exclude <<'YAML'
version: 2
unit_tests:
  - name: ut_inc_exc
    model: customer_summary
    versions:
      include: [1]
      exclude: [2]
    given:
      - input: ref('stg_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e25_sql_rows_is_list <<'YAML'
version: 2
unit_tests:
  - name: ut_sql_list
    model: stg_customers
    given:
      - input: ref('raw_customers')
        format: sql
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e26_nonseed_input_without_rows <<'YAML'
version: 2
unit_tests:
  - name: ut_no_rows
    model: dim_customers
    given:
      - input: ref('stg_customers')
      - input: ref('stg_orders')
        rows: []
      - input: source('raw', 'payments')
        rows: []
    expect:
      rows: []
YAML

$S/errcase.sh e27_disabled_model <<'YAML'
version: 2
models:
  - name: fct_orders_incr
    config:
      enabled: false
unit_tests:
  - name: ut_on_disabled_model
    model: fct_orders_incr
    overrides:
      macros: {is_incremental: false}
    given:
      - input: ref('stg_orders')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

(cd $W/err/e27_disabled_model && $S/run.sh err/e27_disabled_model_ls ls --resource-type unit_test)

$S/errcase.sh e28_overrides_unknown_key <<'YAML'
version: 2
unit_tests:
  - name: ut_bad_override
    model: stg_customers
    overrides:
      macro: {is_incremental: true}
    given:
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh e29_given_without_input <<'YAML'
version: 2
unit_tests:
  - name: ut_no_input_key
    model: stg_customers
    given:
      - rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
YAML

$S/errcase.sh p01_seed_input_without_rows <<'YAML'
version: 2
unit_tests:
  - name: ut_seed_rows_from_file
    model: stg_customers
    given:
      - input: ref('raw_customers')
    expect:
      rows:
        - {id: 1, email: alice@example.com}
        - {id: 2, email: bob_at_example}
        - {id: 3, email: carol@example.org}
YAML

$S/errcase.sh p02_case_insensitive_columns <<'YAML'
version: 2
unit_tests:
  - name: ut_case
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{ID: 1, Email: X@Y.Z}]
    expect:
      rows: [{Id: 1, EMAIL: X@Y.Z}]
YAML

$S/errcase.sh p03_expect_empty_but_rows <<'YAML'
version: 2
unit_tests:
  - name: ut_expect_empty
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1, email: a@b.c}, {id: 2, email: d@e.f}]
    expect:
      rows: []
YAML

$S/errcase.sh p04_heterogeneous_expect_rows <<'YAML'
version: 2
unit_tests:
  - name: ut_hetero
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 1, email: a@b.c}, {id: 2, email: d@e.f}]
    expect:
      rows:
        - {id: 1}
        - {id: 2, email: d@e.f}
YAML

$S/errcase.sh p05_duplicates_and_order <<'YAML'
version: 2
unit_tests:
  - name: ut_dupes
    model: stg_customers
    given:
      - input: ref('raw_customers')
        rows: [{id: 2, email: x}, {id: 1, email: x}, {id: 1, email: x}]
    expect:
      rows:
        - {id: 1, email: x}
        - {id: 2, email: x}
YAML

$S/errcase.sh p06_diff_value_types <<'YAML'
version: 2
unit_tests:
  - name: ut_diff_types
    description: "failing on purpose: shows how numeric/bool/null values render in added/removed rows"
    model: dim_customers
    given:
      - input: ref('stg_customers')
        rows:
          - {id: 1, email: a@b.co}
          - {id: 2, email: null}
          - {id: 5, email: five}
      - input: ref('stg_orders')
        rows: []
      - input: source('raw', 'payments')
        rows:
          - {id: 1, customer_id: 1, amount: 10}
          - {id: 2, customer_id: 2, amount: 2.5}
          - {id: 3, customer_id: 5, amount: 1.25}
    expect:
      rows:
        - {customer_id: 1, email: a@b.co, is_valid_email: true, order_count: 0, total_paid: 10.00}
        - {customer_id: 2, email: null, is_valid_email: false, order_count: 0, total_paid: 2.50}
        - {customer_id: 9, email: zzz, is_valid_email: true, order_count: 7, total_paid: 99.5}
YAML

# e30: ephemeral input (needs two extra models)
rm -rf $W/err/e30_ephemeral_input && cp -r $W/proj $W/err/e30_ephemeral_input && cd $W/err/e30_ephemeral_input
printf "{{ config(materialized='ephemeral') }}\nselect id, customer_id, amount from {{ ref('stg_orders') }}\n" > models/eph_orders.sql
printf "select customer_id, sum(amount) as total from {{ ref('eph_orders') }} group by customer_id\n" > models/uses_eph.sql
cat > models/unit_tests.yml <<'YAML'
version: 2
unit_tests:
  - name: ut_eph_dict
    model: uses_eph
    given:
      - input: ref('eph_orders')
        rows: [{id: 1, customer_id: 1, amount: 2}]
    expect:
      rows: [{customer_id: 1, total: 2}]
  - name: ut_eph_sql
    model: uses_eph
    given:
      - input: ref('eph_orders')
        format: sql
        rows: select 1 as id, 1 as customer_id, 2 as amount
    expect:
      rows: [{customer_id: 1, total: 2}]
YAML
$S/run.sh err/e30_ephemeral_input_test test -s test_type:unit

# b01: failing unit test on an upstream model during `dbt build`
rm -rf $W/err/b01_upstream_fail && cp -r $W/proj $W/err/b01_upstream_fail && cd $W/err/b01_upstream_fail
cat > models/unit_tests.yml <<'YAML'
version: 2
unit_tests:
  - name: ut_stg_orders_fails
    model: stg_orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, customer_id: 1, amount: 1}]
    expect:
      rows: [{id: 2}]
  - name: ut_dim_ok
    model: dim_customers
    given:
      - input: ref('stg_customers')
        rows: [{id: 1, email: a@b.co}]
      - input: ref('stg_orders')
        rows: []
      - input: source('raw', 'payments')
        rows: []
    expect:
      rows: [{customer_id: 1, order_count: 0}]
YAML
$S/run.sh err/b01_upstream_fail_build build -s stg_orders+

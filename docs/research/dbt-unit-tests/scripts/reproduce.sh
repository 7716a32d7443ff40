#!/bin/bash
# Full reproduction of the recorded evidence (run as root).
# Needs: /tmp/dbtpg (dbt-core 1.11.16 + dbt-postgres 1.11.0), /tmp/dbtsqlite (dbt-core 1.11.16 + dbt-sqlite 1.10.0),
# PostgreSQL 15 binaries in /usr/lib/postgresql/15/bin.
set -u
export W=${W:-/tmp/unitvec}; S=$(cd "$(dirname "$0")" && pwd); R=$(cd "$S/.." && pwd)
export DO_NOT_TRACK=1
mkdir -p $W/pgprof $W/sqliteprof $W/sqlite
# profiles: point paths at $W and the port at $PGPORT
sed "s#port: 5544#port: ${PGPORT:-5544}#" $R/profiles/postgres/profiles.yml > $W/pgprof/profiles.yml
sed "s#/tmp/unitvec/#$W/#g" $R/profiles/sqlite/profiles.yml > $W/sqliteprof/profiles.yml
rm -rf $W/proj && cp -r $R/project $W/proj

# ---------- sqlite (works mechanically, but fixture casts use adapter types like UNKNOWN) ----------
python3 $S/setup_raw_sqlite.py $W
rm -rf $W/sqlproj && cp -r $W/proj $W/sqlproj && cd $W/sqlproj
DBT=/tmp/dbtsqlite/bin/dbt PROFILES=$W/sqliteprof $S/run.sh sqlite_00_build build
DBT=/tmp/dbtsqlite/bin/dbt PROFILES=$W/sqliteprof $S/run.sh sqlite_01_run run   # build also fct_orders_incr (needed by the `this` fixture)
DBT=/tmp/dbtsqlite/bin/dbt PROFILES=$W/sqliteprof $S/run.sh sqlite_02_test_unit test -s test_type:unit

# ---------- postgres ----------
$S/pg_up.sh
/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p ${PGPORT:-5544} -U postgres -d unitvec -c "drop schema if exists analytics cascade" -f $S/setup_raw_pg.sql
rm -rf $W/pgproj && cp -r $W/proj $W/pgproj && cd $W/pgproj
# the very first run used the original expected fixture with total_paid "10" (see FINDINGS: numeric scale)
printf 'customer_id,email,is_valid_email,order_count,total_paid\n1,alice@example.com,true,2,10\n2,not-an-email,false,0,0\n' > tests/fixtures/dim_expected_fixture.csv
$S/run.sh pg_01_test_unit_before_build test --select test_type:unit
$S/run.sh pg_02_build_fresh build
cp $W/proj/tests/fixtures/dim_expected_fixture.csv tests/fixtures/
$S/run.sh pg_03_run run
$S/run.sh pg_04_test_unit test --select test_type:unit
$S/run.sh pg_05_debug_dict_basic --debug test --select unit_test:ut_dict_basic
$S/run.sh pg_06_test_model test -s dim_customers
$S/run.sh pg_07_build build
$S/run.sh pg_10_ls_all ls
$S/run.sh pg_11_ls_rt ls --resource-type unit_test
$S/run.sh pg_12_ls_testtype ls -s test_type:unit
$S/run.sh pg_13_ls_unit_test_name ls -s unit_test:ut_dict_basic unit_test:ut_versions "unit_test:ut_csv*"
$S/run.sh pg_14_ls_json ls -s unit_test:ut_incremental_mode unit_test:ut_versions --output json
$S/run.sh pg_15_ls_model ls -s dim_customers
$S/run.sh pg_16_ls_misc1 ls -s tag:nightly --output name
$S/run.sh pg_17_ls_misc2 ls -s "test_name:ut_dict*" resource_type:unit_test,fct_orders_incr --output path
$S/run.sh pg_18_ls_exclude_rt ls --exclude-resource-type unit_test
$S/run.sh pg_19_ls_graph ls -s stg_orders+
$S/run.sh pg_20_ls_pkg ls -s unit_test:unitvec.ut_dict_basic "fqn:*ut_sql*" --output name
$S/run.sh pg_21_ls_exclude_sel ls -s dim_customers --exclude test_type:unit
$S/run.sh pg_22_test_excl_rt test -s dim_customers --exclude-resource-type unit_test
$S/run.sh pg_23_test_rt test -s fct_orders_incr --resource-type unit_test
$S/run.sh pg_24_build_testtype_unit build -s test_type:unit
$S/run.sh pg_25_build_sel_model_excl build -s fct_orders_incr --exclude-resource-type unit_test
$S/run.sh pg_26_run_model run -s fct_orders_incr
$S/run.sh pg_27_build_model_pass build -s +dim_customers --exclude unit_test:ut_failing
$S/run.sh pg_28_build_rt_unit build -s dim_customers --resource-type unit_test
rm -rf target/compiled target/run
$S/run.sh pg_30_compile_all compile
$S/run.sh pg_31_compile_ut compile -s unit_test:ut_dict_basic
$S/run.sh pg_32_parse parse
$S/run.sh pg_33_select_disabled test -s unit_test:ut_disabled
$S/run.sh pg_34_debug_sqlformat_incr --debug test -s unit_test:ut_sql_format unit_test:ut_incremental_mode
$S/run.sh pg_35_ls_testtype_quirk ls -s test_type:ni --resource-type unit_test
$S/run.sh pg_36_ls_bad_testtype ls -s test_type:bogus
$S/run.sh pg_37_ls_bad_unit_selector ls -s unit_test:a.b.c
$S/run.sh pg_04b_test_unit_again test -s test_type:unit   # regenerates all target/run + target/compiled files

# ---------- error / edge cases ----------
$S/run.sh pg_03b_run_again run >/dev/null   # make sure all relations exist (seeds in pg_07 cascade-dropped views)
$S/error_cases.sh

$S/pg_down.sh
echo "outputs in $W/out"

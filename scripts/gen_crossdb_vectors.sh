#!/usr/bin/env bash
# Regenerates the expected SQL of Tests/FlowcCompileTests/Fixtures/crossdb: models calling
# dbt's cross-database macros (dbt.datediff, dbt.listagg, …) compiled by dbt Core with
# dbt-postgres, which flowc must reproduce byte for byte. dbt's compile connects, so it needs a
# PostgreSQL server: PGPORT (default 5432) on 127.0.0.1, user postgres, no password. Needs a
# virtualenv with dbt-postgres:
#   python3 -m venv /tmp/dbtpg && /tmp/dbtpg/bin/pip install dbt-core==1.11.16 dbt-postgres==1.11.0
# Run from the repository root.
set -euo pipefail
DBT=${DBT:-/tmp/dbtpg/bin/dbt}
FIXTURE=Tests/FlowcCompileTests/Fixtures/crossdb
WORK=$(mktemp -d)
cp -r "$FIXTURE/dbt_project.yml" "$FIXTURE/models" "$WORK/"
cat > "$WORK/profiles.yml" <<YAML
crossdb:
  target: postgres
  outputs:
    postgres: {type: postgres, host: 127.0.0.1, port: ${PGPORT:-5432}, user: postgres, password: "", dbname: postgres, schema: analytics, threads: 1}
YAML
(cd "$WORK" && "$DBT" --no-send-anonymous-usage-stats compile --profiles-dir . > /dev/null)
rm -rf "$FIXTURE/expected_compiled"
cp -r "$WORK/target/compiled" "$FIXTURE/expected_compiled"
"$DBT" --version | head -2 | tr -d '\n' > "$FIXTURE/DBT_VERSION" || true
rm -rf "$WORK"
echo "wrote $FIXTURE ($(find "$FIXTURE/expected_compiled" -name '*.sql' | wc -l) compiled files)"

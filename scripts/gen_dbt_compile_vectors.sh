#!/usr/bin/env bash
# Regenerates Tests/FlowcCompileTests/Fixtures/bench30: a generated 30-model dbt project and
# the SQL that dbt Core compiles for it with the sqlite adapter, which flowc must reproduce
# byte for byte. Needs python3 and a virtualenv with dbt-sqlite:
#   python3 -m venv /tmp/dbtsqlite && /tmp/dbtsqlite/bin/pip install dbt-sqlite==1.10.0
# (pip resolves dbt-core 1.11.x with it). Run from the repository root.
set -euo pipefail
DBT=${DBT:-/tmp/dbtsqlite/bin/dbt}
OUT=Tests/FlowcCompileTests/Fixtures/bench30
WORK=$(mktemp -d)
python3 ../shared/bench/gen_project.py 30 --out "$WORK/p" > /dev/null
# a profile with relative paths so the fixture does not depend on where it was made
cat > "$WORK/p/profiles.yml" <<'YAML'
bench:
  target: sqlite
  outputs:
    sqlite:
      type: sqlite
      threads: 1
      database: database
      schema: main
      schemas_and_paths:
        main: "target/bench.sqlite"
      schema_directory: "target"
YAML
mkdir -p "$WORK/p/target"
(cd "$WORK/p" && "$DBT" compile --profiles-dir . --target sqlite > /dev/null)
rm -rf "$OUT"
mkdir -p "$OUT"
(cd "$WORK/p" && cp -r dbt_project.yml profiles.yml models macros seeds tests "$OLDPWD/$OUT/")
cp -r "$WORK/p/target/compiled" "$OUT/expected_compiled"
"$DBT" --version | head -2 | tr -d '\n' > "$OUT/DBT_VERSION" || true
rm -rf "$WORK"
echo "wrote $OUT ($(find "$OUT/expected_compiled" -name '*.sql' | wc -l) compiled files)"

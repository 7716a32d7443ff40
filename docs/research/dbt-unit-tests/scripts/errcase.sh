#!/bin/bash
# usage: errcase.sh <case_name> [extra dbt test args]  < unit-test YAML
# Copies the base project ($W/proj), replaces models/unit_tests.yml with stdin,
# runs `dbt parse`; if parse succeeds, also runs `dbt test -s test_type:unit`.
W=${W:-/tmp/unitvec}
here=$(cd "$(dirname "$0")" && pwd)
name=$1; shift
dir=$W/err/$name
rm -rf "$dir"; mkdir -p "$W/err"; cp -r "$W/proj" "$dir"
cat > "$dir/models/unit_tests.yml"
cd "$dir" && "$here/run.sh" err/$name parse
if grep -q '^\[exit code: 0\]' "$W/out/err/$name.txt"; then
  "$here/run.sh" err/${name}_test test -s test_type:unit "$@"
fi

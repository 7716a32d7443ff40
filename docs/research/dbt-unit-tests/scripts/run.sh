#!/bin/bash
# usage (inside a dbt project dir): run.sh <outname> <dbt args...>
# Runs dbt with --no-use-colors, appends "[exit code: N]", replaces leading timestamps by HH:MM:SS,
# writes $W/out/<outname>.txt (+ a copy of target/run_results.json) and prints it.
# Env: W (work dir, default /tmp/unitvec), DBT (dbt executable), PROFILES (profiles dir).
W=${W:-/tmp/unitvec}
name=$1; shift
mkdir -p "$W/out/$(dirname "$name")"
export DO_NOT_TRACK=1
out=$W/out/$name.txt
rm -f target/run_results.json
{
  echo "\$ dbt --no-use-colors $*"
  ${DBT:-/tmp/dbtpg/bin/dbt} --no-use-colors "$@" --profiles-dir ${PROFILES:-$W/pgprof} 2>&1
  echo "[exit code: $?]"
} | sed -E 's/^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?/HH:MM:SS/' > "$out"
[ -f target/run_results.json ] && cp target/run_results.json "$W/out/$name.run_results.json"
cat "$out"

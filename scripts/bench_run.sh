#!/usr/bin/env bash
# Benchmark of running projects (reported, not asserted): generates the N-model project from
# ../shared/bench, starts a throwaway PostgreSQL server (initdb + pg_ctl in a temp dir, as the
# postgres user when root), and times `flowc seed/run/test/build` on SQLite and PostgreSQL with
# 1 and 4 threads. `--timing` splits each run's wall time into database time and flowc's own.
#   scripts/bench_run.sh [N]            (default 1000; needs a release build of flowc)
set -euo pipefail
N=${1:-1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FLOWC=$ROOT/.build/release/flowc
[ -x "$FLOWC" ] || { echo "build first: swift build -c release --product flowc"; exit 2; }
WORK=$(mktemp -d /tmp/flowc-bench-XXXXXX)
PROJECT=$WORK/project
python3 "$ROOT/../shared/bench/gen_project.py" "$N" --out "$PROJECT" >/dev/null
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=$WORK/pgdata
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$PGDATA"; touch "$WORK/pg.log"
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK" "$PGDATA" "$WORK/pg.log"; chmod 700 "$PGDATA"; fi
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1" -w start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; rm -rf "$WORK"' EXIT
psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "create role bench login password 'bench' superuser" -c "create database bench owner bench"
# the generated profile's pg target reads its port from the file; point it at our server
sed -i "s/port: [0-9]*/port: $PORT/" "$PROJECT/profiles.yml"
cd "$PROJECT"
reset() {
    psql -q -h 127.0.0.1 -p "$PORT" -U postgres -d bench -c "drop schema if exists bench_n$N cascade" 2>/dev/null
    rm -f "$PROJECT"/*.sqlite "$PROJECT"/*.db
}
for target in sqlite pg; do
    for threads in 1 4; do
        reset
        echo "== $target, $threads thread(s), $N models"
        for cmd in seed run test; do
            /usr/bin/time -f "   $cmd: wall %e s, user %U s, max RSS %M KB" \
                "$FLOWC" $cmd --profiles-dir . --target $target --threads $threads -q --timing 2>&1 | grep -v "Done\." | sed 's/^[0-9:]*  /   /'
        done
        reset
        /usr/bin/time -f "   build: wall %e s, user %U s, max RSS %M KB" \
            "$FLOWC" build --profiles-dir . --target $target --threads $threads -q --timing 2>&1 | sed 's/^[0-9:]*  /   /'
    done
done

#!/bin/bash
# Start a throw-away PostgreSQL 15 on 127.0.0.1:${PGPORT:-5544} (run as root; server runs as `postgres`).
set -e
W=${W:-/tmp/unitvec}; PORT=${PGPORT:-5544}; BIN=/usr/lib/postgresql/15/bin
mkdir -p $W/pgdata && chown postgres $W/pgdata && chmod 700 $W/pgdata
[ -f $W/pgdata/PG_VERSION ] || su postgres -c "$BIN/initdb -D $W/pgdata -A trust -U postgres" >/dev/null
su postgres -c "$BIN/pg_ctl -D $W/pgdata -l $W/pgdata/server.log -o '-p $PORT -k $W/pgdata -c listen_addresses=127.0.0.1' -w start"
$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tc "select 1 from pg_database where datname='unitvec'" | grep -q 1 \
  || $BIN/psql -h 127.0.0.1 -p $PORT -U postgres -c "create database unitvec"

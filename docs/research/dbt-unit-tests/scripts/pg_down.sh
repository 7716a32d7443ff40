#!/bin/bash
W=${W:-/tmp/unitvec}
su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $W/pgdata -m fast stop"

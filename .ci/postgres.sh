#!/usr/bin/env bash
# Start a throwaway PostgreSQL server from Debian's packages on loopback and
# print a DATABASE_URL for it. Used by .ci/run and `make test-postgres`.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=${PGPORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DATA=$(mktemp -d /tmp/companion-pg.XXXXXX)
chown postgres "$DATA"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $DATA -A trust -U postgres --no-sync" >/dev/null
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DATA -l $DATA/log -o '-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off' -w start" >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/companion"

#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages, starts a throwaway cluster on a
# loopback port and creates a test database, for the store's tests:
#
#   eval "$(bash internal/store/testdata/pg.sh)"    # prints: export TEST_DATABASE_URL=…
#   go test ./internal/store/
#   bash internal/store/testdata/pg.sh stop
#
# The cluster lives in $PGTEST_DIR (default /tmp/assistant-pgtest), listens on
# 127.0.0.1:$PGTEST_PORT (default 54329) only, trusts loopback connections and
# runs as the postgres user when started by root (initdb refuses root). Run it
# again and it reuses a running cluster. Only the export line goes to standard
# output; progress goes to standard error.
set -euo pipefail

dir=${PGTEST_DIR:-/tmp/assistant-pgtest}
port=${PGTEST_PORT:-54329}
db=assistant_test

log() { echo "pg.sh: $*" >&2; }

# as runs a command as the cluster's owner.
as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ "${1:-start}" = stop ]; then
  if [ -d "$dir/data" ] && [ -n "$(bindir)" ]; then as "$(bindir)/pg_ctl" -D "$dir/data" -m fast stop >&2 || true; fi
  exit 0
fi

if [ -z "$(bindir)" ]; then
  log "installing postgresql"
  if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
fi
bin=$(bindir)

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  log "initdb in $dir/data"
  as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi
if ! as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$port"
  as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >&2
fi
if ! as "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres | grep -q 1; then
  as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
fi
echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/$db?sslmode=disable'"

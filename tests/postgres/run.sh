#!/usr/bin/env bash
# Run a command (the test suite) against a throw-away PostgreSQL server:
#   tests/postgres/run.sh .venv/bin/python -m pytest tests/integration
# Installs Debian's `postgresql` when missing, starts a private cluster on a free loopback port,
# runs the command with TEST_DATABASE_URL set, then stops the server and deletes the cluster
# whatever happens. Exits with the command's status.
set -euo pipefail

newest_initdb() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1; }

INITDB=$(newest_initdb || true)
if [ -z "$INITDB" ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then SUDO=()
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then SUDO=(sudo)
  else echo "PostgreSQL is needed for the PostgreSQL test pass: install it (Debian: apt-get install postgresql)." >&2; exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  INITDB=$(newest_initdb)
fi
PGBIN=$(dirname "$INITDB")

# initdb refuses to run as root: then the cluster belongs to the `postgres` user.
AS=()
DIR=$(mktemp -d)
if [ "$(id -u)" = 0 ]; then
  AS=(runuser -u postgres --)
  chown postgres: "$DIR"
fi
DATA="$DIR/data"

cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${AS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# Durability is pointless for a cluster deleted in a minute; without it the suite runs faster.
if ! "${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT \
    -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
  cat "$DATA/server.log" >&2
  exit 1
fi

status=0
TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres" "$@" || status=$?
exit "$status"

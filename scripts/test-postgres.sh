#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests on 127.0.0.1 and print its
# connection string. It uses Debian's server binaries (package postgresql) and
# keeps its data under /tmp, so nothing of a system cluster is touched.
#   scripts/test-postgres.sh start   start (or reuse) the server, print the URL
#   scripts/test-postgres.sh stop    stop it and delete its data
# TEST_POSTGRES_PORT sets the port (default 55432). Each clone keeps its own
# data folder, so one clone's stop never ends another clone's server.
set -euo pipefail

usage="usage: scripts/test-postgres.sh start|stop   (TEST_POSTGRES_PORT sets the port, default 55432)"
port="${TEST_POSTGRES_PORT:-55432}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clone_id="$(printf '%s' "$root" | sha256sum | cut -c1-8)"
data="/tmp/vmss-autoscaling-pg-$port-$clone_id"
bindir="$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1 || true)"
url="postgres://vmss@127.0.0.1:$port/vmss_test"

if [ -z "$bindir" ]; then
  echo "test-postgres: PostgreSQL server binaries not found; install the Debian package postgresql" >&2
  exit 1
fi

# PostgreSQL will not start as root, so the server runs as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "$url"
      exit 0
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "test-postgres: port $port on 127.0.0.1 is in use by another server; set TEST_POSTGRES_PORT to a free port" >&2
      exit 1
    fi
    rm -rf "$data"
    mkdir -p "$data"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
    as_owner "$bindir/initdb" -D "$data" -U vmss --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200 -c fsync=off" start >/dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U vmss vmss_test
    echo "$url"
    ;;
  stop)
    as_owner "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
  -h|--help|help)
    echo "$usage"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac

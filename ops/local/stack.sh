#!/usr/bin/env bash
# The local stack: a throwaway PostgreSQL 15 cluster and moto_server (the local AWS), both on loopback ports.
#
#   stack.sh up DIR            start both under DIR, wait until they answer, write DIR/stack.env
#   stack.sh up-postgres DIR   the same without moto_server (a second cluster, for tests that compare clusters)
#   stack.sh down DIR          stop what runs under DIR and remove DIR
#   stack.sh reap       stop every stack under .local/stacks whose owning process is gone
#
# Ports are chosen free at start, so an interrupted run never blocks the next one; `up` reaps stale stacks first.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
stacks="$repo/.local/stacks"

die() { echo "stack: $*" >&2; exit 1; }

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir)
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install PostgreSQL 15: 'apt-get install postgresql' (Debian/Ubuntu) or 'brew install postgresql@15' (macOS)."
}

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Root may not run PostgreSQL; the cluster then belongs to the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

up() {
  local dir=$1 owner=$2 with_aws=${3:-aws}
  command -v python3 >/dev/null 2>&1 || die "python3 is needed (it picks free ports and runs moto_server)."
  [ "$with_aws" != aws ] || command -v moto_server >/dev/null 2>&1 || die "moto_server (the local AWS emulator) is not on PATH. Install it with: pip install \"moto[server]\""
  local bin; bin=$(pg_bindir)
  reap
  rm -rf "$dir"; mkdir -p "$dir/pg" "$dir/run"
  echo "$owner" > "$dir/owner.pid"
  local pgport motoport password=local-postgres
  pgport=$(free_port); motoport=$(free_port)

  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to own the cluster (apt-get install postgresql creates one)."
    chown -R postgres: "$dir/pg" "$dir/run"
    # The postgres user must be able to reach the data directory through every parent folder.
    local p=$dir; while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
  fi
  printf '%s\n' "$password" > "$dir/pwfile"; chmod 644 "$dir/pwfile"
  # --no-sync: a throwaway cluster that runs with fsync off need not wait for initdb to flush its files.
  as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres --pwfile="$dir/pwfile" --auth-host=scram-sha-256 --auth-local=trust --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/run/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $dir/run -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200 -c ssl=off" \
    start >/dev/null || { cat "$dir/run/postgres.log" >&2; die "PostgreSQL did not start"; }

  if [ "$with_aws" = aws ]; then
    (cd "$dir" && exec setsid moto_server -H 127.0.0.1 -p "$motoport" >"$dir/moto.log" 2>&1) &
    echo $! > "$dir/moto.pid"
    local i
    for i in $(seq 1 150); do
      curl -fsS "http://127.0.0.1:$motoport/moto-api/data.json" >/dev/null 2>&1 && break
      kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null || { cat "$dir/moto.log" >&2; die "moto_server exited at start"; }
      sleep 0.2
    done
    [ "$i" -lt 150 ] || die "moto_server did not answer on port $motoport within 30 s (log: $dir/moto.log)"
  fi

  PGPASSWORD=$password "$bin/psql" -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE student_metrics_owner LOGIN CREATEROLE PASSWORD 'local-owner';
CREATE DATABASE student_metrics OWNER student_metrics_owner;
SQL

  cat > "$dir/stack.env" <<ENV
export STUDENT_METRICS_STACK_DIR='$dir'
export PG_BINDIR='$bin'
export PGHOST=127.0.0.1
export PGPORT=$pgport
export STUDENT_METRICS_ADMIN_DB='Host=127.0.0.1;Port=$pgport;Username=postgres;Password=$password;Database=postgres'
export STUDENT_METRICS_DB='Host=127.0.0.1;Port=$pgport;Username=student_metrics_owner;Password=local-owner;Database=student_metrics'
export AWS_ENDPOINT_URL='http://127.0.0.1:$motoport'
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
ENV
  echo "stack: PostgreSQL on 127.0.0.1:$pgport$([ "$with_aws" = aws ] && echo ", moto_server on 127.0.0.1:$motoport") ($dir)" >&2
}

down() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if [ -f "$dir/moto.pid" ]; then
    local pid; pid=$(cat "$dir/moto.pid")
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  fi
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    local bin; bin=$(pg_bindir)
    as_pg "$bin/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || \
      kill -9 "$(head -1 "$dir/pg/data/postmaster.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

reap() {
  [ -d "$stacks" ] || return 0
  local dir
  for dir in "$stacks"/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    local owner; owner=$(cat "$dir/owner.pid" 2>/dev/null || echo 0)
    # A killed owner can linger as a zombie, which kill -0 still reports as alive.
    if ! kill -0 "$owner" 2>/dev/null || [ "$(ps -o stat= -p "$owner" 2>/dev/null | cut -c1)" = Z ]; then
      echo "stack: removing stale stack $dir (its owner $owner is gone)" >&2
      down "$dir"
    fi
  done
}

case "${1:-}" in
  up) [ $# -ge 2 ] || die "usage: stack.sh up DIR [OWNER_PID]"; up "$2" "${3:-$PPID}" aws ;;
  up-postgres) [ $# -ge 2 ] || die "usage: stack.sh up-postgres DIR [OWNER_PID]"; up "$2" "${3:-$PPID}" postgres-only ;;
  down) [ $# -eq 2 ] || die "usage: stack.sh down DIR"; down "$2" ;;
  reap) reap ;;
  *) die "usage: stack.sh up DIR [OWNER_PID] | up-postgres DIR [OWNER_PID] | down DIR | reap" ;;
esac

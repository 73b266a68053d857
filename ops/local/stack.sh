#!/usr/bin/env bash
# The local stack: PostgreSQL 15 and the local AWS (ops/local/emulator: moto_server with IAM enforced and the
# project's CloudFormation stacks deployed into it), both on free loopback ports.
#
#   stack.sh up DIR [OWNER_PID] [DATA_DIR]   start both under DIR, wait until they answer, write DIR/stack.env.
#                                            With DATA_DIR, PostgreSQL keeps its data there across stacks (make run);
#                                            without, the cluster lives and dies in DIR (make test).
#   stack.sh up-postgres DIR [OWNER_PID]     the same without the local AWS (a second cluster, for tests that compare clusters)
#   stack.sh down DIR                        stop both and remove DIR (never DATA_DIR)
#   stack.sh reap                            stop every stack under .local/stacks whose owning process is gone
#   stack.sh reset DATA_DIR                  delete a kept PostgreSQL data directory (refused while it is running)
#
# The emulator keeps nothing across restarts (moto holds its state in memory), so every `up` deploys the templates
# into a fresh one; with DATA_DIR, the database and its ledger of loaded files are what carries over.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
stacks="$repo/.local/stacks"
# The administrator, as on RDS: not a superuser, CREATEROLE and CREATEDB. ops/database/as-master.sql runs as it.
master=rds_master master_password=local-master owner_password=local-owner

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

give_to_postgres() {
  [ "$(id -u)" = 0 ] || return 0
  id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to own the cluster (apt-get install postgresql creates one)."
  chown -R postgres: "$@"
  # The postgres user must be able to reach the data directory through every parent folder.
  local p
  for p in "$@"; do while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done; done
}

# A new cluster: a superuser nobody uses after this, the RDS-like administrator, then the project's own set-up SQL
# run as that administrator, exactly as ops/README.md tells an operator to run it on RDS.
init_cluster() {
  local bin=$1 data=$2 dir=$3 sync=$4
  printf '%s\n' "local-postgres" > "$dir/pwfile"; chmod 644 "$dir/pwfile"
  # --no-sync: a throwaway cluster that runs with fsync off need not wait for initdb to flush its files.
  as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$dir/pwfile" --auth-host=scram-sha-256 --auth-local=trust $sync \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  touch "$data/.student-metrics-new"
}

set_up_database() {
  local bin=$1 port=$2 dir=$3
  as_pg "$bin/psql" -q -h "$dir/run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null \
    -c "ALTER ROLE postgres PASSWORD 'local-postgres'" \
    -c "CREATE ROLE $master LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD '$master_password'"
  PGPASSWORD=$master_password "$bin/psql" -q -h 127.0.0.1 -p "$port" -U "$master" -d postgres -v ON_ERROR_STOP=1 \
    -v owner_password="$owner_password" -f "$repo/ops/database/as-master.sql" >/dev/null \
    || die "ops/database/as-master.sql failed as the non-superuser administrator $master"
}

up() {
  local dir=$1 owner=${2:-$PPID} kept=${3:-} with_aws=${4:-aws}
  command -v python3 >/dev/null 2>&1 || die "python3 is needed (it runs the local AWS)."
  python3 -c "import moto, boto3" 2>/dev/null || die "moto (the local AWS emulator) is not installed. Install it with: pip install \"moto[server]\""
  local bin; bin=$(pg_bindir)
  reap
  rm -rf "$dir"; mkdir -p "$dir/run"
  echo "$owner" > "$dir/owner.pid"
  local data=${kept:-$dir/pg/data}
  if [ -n "$kept" ] && [ -f "$kept/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$kept" status >/dev/null 2>&1; then
    die "the PostgreSQL data in $kept is in use by another stack (another 'make run'?); wait for it or stop it"
  fi
  echo "$data" > "$dir/pgdata"
  mkdir -p "$(dirname "$data")"
  give_to_postgres "$dir/run" "$(dirname "$data")"
  local sync=--no-sync; [ -z "$kept" ] || sync=""
  [ -f "$data/PG_VERSION" ] || init_cluster "$bin" "$data" "$dir" "$sync"
  local pgport motoport
  pgport=$(free_port); motoport=$(free_port)
  as_pg "$bin/pg_ctl" -D "$data" -l "$dir/run/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $dir/run -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200 -c ssl=off" \
    start >/dev/null || { cat "$dir/run/postgres.log" >&2; die "PostgreSQL did not start"; }
  if [ -f "$data/.student-metrics-new" ]; then
    set_up_database "$bin" "$pgport" "$dir"
    as_pg rm -f "$data/.student-metrics-new"
  fi

  cat > "$dir/stack.env" <<ENV
export STUDENT_METRICS_STACK_DIR='$dir'
export PG_BINDIR='$bin'
export PGHOST=127.0.0.1
export PGPORT=$pgport
export STUDENT_METRICS_ADMIN_DB='Host=127.0.0.1;Port=$pgport;Username=postgres;Password=local-postgres;Database=postgres'
export STUDENT_METRICS_MASTER_DB='Host=127.0.0.1;Port=$pgport;Username=$master;Password=$master_password;Database=postgres'
export STUDENT_METRICS_DB='Host=127.0.0.1;Port=$pgport;Username=student_metrics_owner;Password=$owner_password;Database=student_metrics'
ENV
  if [ "$with_aws" != aws ]; then
    echo "stack: PostgreSQL on 127.0.0.1:$pgport ($dir)" >&2
    return
  fi

  (cd "$dir" && exec setsid python3 "$repo/ops/local/emulator/server.py" "$motoport" >"$dir/moto.log" 2>&1) &
  echo $! > "$dir/moto.pid"
  local i
  for i in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$motoport/moto-api/data.json" >/dev/null 2>&1 && break
    kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null || { cat "$dir/moto.log" >&2; die "the local AWS exited at start"; }
    sleep 0.2
  done
  [ "$i" -lt 150 ] || die "the local AWS did not answer on port $motoport within 30 s (log: $dir/moto.log)"

  cat >> "$dir/stack.env" <<ENV
export AWS_ENDPOINT_URL='http://127.0.0.1:$motoport'
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
ENV
  python3 "$repo/ops/local/emulator/deploy.py" "http://127.0.0.1:$motoport" "$pgport" >> "$dir/stack.env" \
    || die "deploying ops/cloudformation into the local AWS failed (log: $dir/moto.log)"
  echo "stack: PostgreSQL on 127.0.0.1:$pgport${kept:+ (data kept in $kept)}, the local AWS on 127.0.0.1:$motoport with the stacks of ops/cloudformation and IAM enforced ($dir)" >&2
}

down() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if [ -f "$dir/moto.pid" ]; then
    local pid; pid=$(cat "$dir/moto.pid")
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  fi
  local data; data=$(cat "$dir/pgdata" 2>/dev/null || echo "$dir/pg/data")
  if [ -f "$data/postmaster.pid" ]; then
    local bin; bin=$(pg_bindir)
    # A kept cluster is shut down cleanly so its data survives; a throwaway one needs no care.
    local mode=immediate; [ "$data" = "$dir/pg/data" ] || mode=fast
    as_pg "$bin/pg_ctl" -D "$data" -m "$mode" -w -t 30 stop >/dev/null 2>&1 || \
      kill -9 "$(head -1 "$data/postmaster.pid")" 2>/dev/null || true
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

reset() {
  local data=$1
  reap
  if [ -f "$data/postmaster.pid" ] && as_pg "$(pg_bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    die "$data is in use by a running stack; stop it first"
  fi
  rm -rf "$data"
  echo "stack: removed $data; the next 'make run' starts from an empty database" >&2
}

case "${1:-}" in
  up) [ $# -ge 2 ] || die "usage: stack.sh up DIR [OWNER_PID] [DATA_DIR]"; up "$2" "${3:-$PPID}" "${4:-}" aws ;;
  up-postgres) [ $# -ge 2 ] || die "usage: stack.sh up-postgres DIR [OWNER_PID]"; up "$2" "${3:-$PPID}" "" postgres-only ;;
  down) [ $# -eq 2 ] || die "usage: stack.sh down DIR"; down "$2" ;;
  reap) reap ;;
  reset) [ $# -eq 2 ] || die "usage: stack.sh reset DATA_DIR"; reset "$2" ;;
  *) die "usage: stack.sh up DIR [OWNER_PID] [DATA_DIR] | up-postgres DIR [OWNER_PID] | down DIR | reap | reset DATA_DIR" ;;
esac

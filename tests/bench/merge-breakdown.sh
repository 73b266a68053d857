#!/usr/bin/env bash
# Where a large merge's time goes: the same staged rows inserted into copies of core.student_metrics with more and
# more of the real table (no index or check; + primary key; + CHECKs; the whole table), beside psql \copy of the
# cleaned file into staging, round by round in one session so that a shared machine's drift falls on all alike.
# Prints the median of ROUNDS (default 5) for each and its ratio to the copy. Not a target: an explanation of
# load.sh's merge figure (db/README.md, Performance).
# Usage: ops/local/with-stack.sh tests/bench/merge-breakdown.sh [CLEANED_FILE]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
rounds=${ROUNDS:-5}
work=.local/bench/breakdown
mkdir -p "$work"
file=${1:-.local/bench/load/cleaned/clean/clean.csv}
[ -s "$file" ] || { file=$work/generated-clean.csv; [ -s "$file" ] || python3 tests/bench/clean_file.py "${BENCH_ROWS:-1000000}" >"$file"; }
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

database=bench_breakdown
. tests/bench/bench-db.sh
as_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database OWNER $owner_user"
trap 'as_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"' EXIT
STUDENT_METRICS_DB="Host=$PGHOST;Port=$PGPORT;Username=$owner_user;Password=$owner_password;Database=$database" \
  dotnet "$cli" migrate >/dev/null 2>&1

as_owner <<'SQL'
CREATE TABLE public.rows_only (LIKE core.student_metrics INCLUDING DEFAULTS);
CREATE TABLE public.with_key (LIKE core.student_metrics INCLUDING DEFAULTS);
ALTER TABLE public.with_key ADD PRIMARY KEY (student_id, term);
CREATE TABLE public.with_checks (LIKE core.student_metrics INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE public.with_checks ADD PRIMARY KEY (student_id, term);
CREATE TABLE public.whole_table (LIKE core.student_metrics INCLUDING ALL);
SQL

columns=$(head -1 "$file")
targets="rows_only with_key with_checks whole_table"
round_sql=$work/round.sql
{
  echo "SET jit = off;"
  echo "\\o /dev/null"
  echo "SELECT set_config('student_metrics.source_key', 'raw/breakdown.csv', false), set_config('student_metrics.source_sha256', repeat('0', 64), false);"
  echo "\\o"
  echo "TRUNCATE core.student_metrics_staging, $(tr ' ' ',' <<<"$targets");"
  echo "\\timing on"
  echo "\\copy core.student_metrics_staging ($columns) FROM '$file' WITH (FORMAT csv, HEADER true)"
  for target in $targets; do
    echo "INSERT INTO public.$target SELECT student_id, term, school_id, grade_level, math_score, reading_score, science_score, gpa, days_enrolled, days_present, tardies, behavior_incidents, recorded_on, source_key, source_sha256, source_row, now() FROM core.student_metrics_staging;"
  done
} >"$round_sql"

: >"$work/times"
for round in $(seq 1 "$rounds"); do
  as_owner -f "$round_sql" | awk '/^Time:/ { printf "%s ", $2 } END { print "" }' >>"$work/times"
done

copy_ms=$(cut -d' ' -f1 "$work/times" | median)
echo "merge breakdown: median of $rounds rounds; each INSERT ... SELECT takes every staged row"
printf '  %-30s %7.0f ms  %5.2f x the copy\n' "psql \\copy into staging" "$copy_ms" 1
column=2
for target in $targets; do
  ms=$(cut -d' ' -f$column "$work/times" | median)
  printf '  %-30s %7.0f ms  %5.2f x the copy\n' "insert into $target" "$ms" "$(awk -v a="$ms" -v b="$copy_ms" 'BEGIN { print a / b }')"
  column=$((column + 1))
done

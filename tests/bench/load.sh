#!/usr/bin/env bash
# `make bench`, the load: rows/s of the loader (binary COPY of the 1M-row cleaned file into staging) beside
# `psql \copy` of the same file into the same table, and the merge of those 1M staged rows beside the copy.
# Targets: loader >= 1.0 x psql \copy; merge <= 2 x the copy. Medians of LOAD_RUNS runs (default 3), all in this
# run; exits non-zero when a target is missed.
# Runs inside ops/local/with-stack.sh (PGHOST, PGPORT, STUDENT_METRICS_ADMIN_DB, STUDENT_METRICS_DB are set).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
runs=${LOAD_RUNS:-3}
work=.local/bench/load
mkdir -p "$work"

database=bench_load
. tests/bench/bench-db.sh

# The 1M-row cleaned file: the product's cleaner run on the cleaner benchmark's generated export (run.sh makes
# .local/bench/clean.csv first), or, when this script runs alone, a deterministic stand-in of the same shape.
if [ -s .local/bench/clean.csv ]; then
  dotnet "$cli" clean .local/bench/clean.csv --out "$work/cleaned" >/dev/null
  file=$work/cleaned/clean/clean.csv
else
  file=$work/generated-clean.csv
  [ -s "$file" ] || python3 tests/bench/clean_file.py "${BENCH_ROWS:-1000000}" >"$file"
fi
rows=$(( $(wc -l <"$file") - 1 ))

as_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database OWNER $owner_user"
export STUDENT_METRICS_DB="Host=$PGHOST;Port=$PGPORT;Username=$owner_user;Password=$owner_password;Database=$database"
dotnet "$cli" migrate >/dev/null 2>&1
# Both write only the file's columns; the lineage columns take the key and hash set for the session, as the loader does.
lineage="SELECT set_config('student_metrics.source_key', 'raw/psql.csv', false), set_config('student_metrics.source_sha256', repeat('0', 64), false)"
columns=$(head -1 "$file")

: >"$work/psql.ms"; : >"$work/loader.ms"; : >"$work/merge.ms"
for run in $(seq 1 "$runs"); do
  as_owner -c "TRUNCATE core.student_metrics, core.student_metrics_staging"
  as_admin -c "CHECKPOINT"
  start=$(now_ms)
  as_owner -c "$lineage" -c "\\copy core.student_metrics_staging ($columns) FROM '$file' WITH (FORMAT csv, HEADER true)" >/dev/null
  echo $(( $(now_ms) - start )) >>"$work/psql.ms"
  as_owner -c "TRUNCATE core.student_metrics_staging"

  # A distinct identity per run, so that every run loads (the same content twice would be skipped).
  sha=$(printf 'bench-%s-%s' "$run" "$(date +%s%N)" | sha256sum | cut -c1-64)
  out=$(dotnet "$cli" load "$file" --key "raw/bench-$run.csv" --sha256 "$sha")
  grep -q "$rows rows: $rows inserted" <<<"$out" || { echo "load: unexpected loader output: $out" >&2; exit 1; }
  sed -nE 's/.*staged in ([0-9]+) ms, merged in ([0-9]+) ms.*/\1/p' <<<"$out" >>"$work/loader.ms"
  sed -nE 's/.*staged in ([0-9]+) ms, merged in ([0-9]+) ms.*/\2/p' <<<"$out" >>"$work/merge.ms"
done

psql_ms=$(median <"$work/psql.ms"); loader_ms=$(median <"$work/loader.ms"); merge_ms=$(median <"$work/merge.ms")
as_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
awk -v rows="$rows" -v runs="$runs" -v p="$psql_ms" -v l="$loader_ms" -v m="$merge_ms" 'BEGIN {
  printf "load: %d rows, median of %d runs\n", rows, runs
  printf "  psql \\copy into staging   %7d ms  %9.0f rows/s\n", p, rows / (p / 1000)
  printf "  loader (binary COPY)      %7d ms  %9.0f rows/s  = %.2f x psql \\copy (target >= 1.0): %s\n", l, rows / (l / 1000), p / l, (p / l >= 1.0) ? "met" : "MISSED"
  printf "  merge of the staged rows  %7d ms  = %.2f x the psql copy, %.2f x the loader copy (target <= 2.0): %s\n", m, m / p, m / l, (m / p <= 2.0) ? "met" : "MISSED"
}' | tee "$work/result.txt"
! grep -q MISSED "$work/result.txt"

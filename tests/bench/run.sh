#!/usr/bin/env bash
# `make bench`: the cleaner against three baselines on the same generated 1M-row file (clean and messy),
# each subject in its own process, warmed up, median of BENCH_RUNS runs. Then the cold-start and load
# benchmarks if they exist. Exits non-zero when a cleaner target is missed.
#   BENCH_ROWS (default 1000000)  BENCH_RUNS (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${BENCH_ROWS:-1000000}
runs=${BENCH_RUNS:-5}
dir=.local/bench
mkdir -p "$dir"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/StudentMetrics.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=(dotnet artifacts/bin/StudentMetrics.Benchmarks/release/StudentMetrics.Benchmarks.dll)

"${bench[@]}" generate "$dir/clean.csv" "$rows"
"${bench[@]}" generate "$dir/messy.csv" "$rows" --messy

status=0
for variant in clean messy; do
  file="$dir/$variant.csv"
  results="$dir/$variant.results"
  rounds="$dir/$variant.rounds"
  : >"$rounds"
  # Subjects take turns, one measured run each per round, so a shared machine's drift (a noisy neighbour, a slower
  # minute) falls on every subject alike instead of on whichever ran last; the ratios are of per-subject medians.
  for round in $(seq "$runs"); do
    for subject in cleaner sylvan sep csvhelper; do
      "${bench[@]}" "$subject" "$file" "$dir" 1 | grep '^RESULT ' >>"$rounds"
    done
  done
  # One line per subject: the median of its rounds, field by field (time, rows/s, MB/s, peak, alloc, cpu).
  python3 - "$rounds" >"$results" <<'PY2'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows.setdefault(f[1], []).append(f)
for subject in ["cleaner", "sylvan", "sep", "csvhelper"]:
    runs = rows[subject]
    med = lambda i: statistics.median(float(r[i]) for r in runs)
    print("RESULT", subject, runs[0][2], f"{med(3):.4f}", f"{med(4):.0f}", f"{med(5):.1f}", f"{max(float(r[6]) for r in runs):.1f}", f"{med(7):.1f}", f"{med(8):.4f}")
PY2
  echo
  echo "== $variant file: $(du -m "$file" | cut -f1) MB, $rows rows, median of $runs interleaved rounds, each run a warmed-up process of its own"
  awk -v variant="$variant" '
    { name[NR]=$2; rows[NR]=$3; rps[NR]=$5; mbs[NR]=$6; peak[NR]=$7; alloc[NR]=$8; cpu[NR]=$9; if ($2=="cleaner") c=NR }
    END {
      printf "%-10s %12s %9s %10s %13s %9s  %s\n", "subject", "rows/s", "MB/s", "peak MB", "alloc MB/run", "cpu s", "cleaner ratio (rows/s, cpu)"
      for (i=1; i<=NR; i++) {
        ratio = (i==c) ? "" : sprintf("%.2fx, %.2fx", rps[c]/rps[i], cpu[i]/cpu[c])
        printf "%-10s %12.0f %9.1f %10.1f %13.1f %9.3f  %s\n", name[i], rps[i], mbs[i], peak[i], alloc[i], cpu[i], ratio
      }
      best = 0; for (i=1; i<=NR; i++) if ((name[i]=="sylvan" || name[i]=="sep") && rps[i] > best) { best = rps[i]; bestName = name[i] }
      ok_speed = rps[c] >= best; ok_mem = peak[c] < 100
      printf "target cleaner >= 1.0x the faster of sylvan/sep (%s): %.2fx %s\n", bestName, rps[c]/best, ok_speed ? "met" : "MISSED"
      printf "target cleaner peak memory < 100 MB: %.1f MB %s\n", peak[c], ok_mem ? "met" : "MISSED"
      exit !(ok_speed && ok_mem)
    }' "$results" || status=1
done

for extra in tests/bench/coldstart.sh tests/bench/load.sh tests/bench/reporting.sh; do
  [ -f "$extra" ] || continue
  echo
  if [ "$extra" != tests/bench/coldstart.sh ] && [ -z "${PGHOST:-}" ]; then
    # The load and reporting benchmarks need PostgreSQL: give it a throwaway local stack unless one is already up.
    ops/local/with-stack.sh bash "$extra" || status=1
  else
    bash "$extra" || status=1
  fi
done
exit $status

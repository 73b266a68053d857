# Sourced by the benchmarks that need PostgreSQL (load.sh, merge-breakdown.sh, reporting.sh), after they set
# `database`: psql as the cluster's admin or as the owner in that database, from the connection strings
# ops/local/with-stack.sh exports, and the timing helpers they share.
: "${PGHOST:?run inside ops/local/with-stack.sh}" "${PGPORT:?}" "${STUDENT_METRICS_ADMIN_DB:?}" "${STUDENT_METRICS_DB:?}"
: "${database:?set database before sourcing bench-db.sh}"

setting() { # setting KEY CONNECTION_STRING -> the value of KEY in an Npgsql connection string
  tr ';' '\n' <<<"$2" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print substr($0, index($0, "=") + 1) }'
}
admin_password=$(setting Password "$STUDENT_METRICS_ADMIN_DB")
owner_user=$(setting Username "$STUDENT_METRICS_DB")
owner_password=$(setting Password "$STUDENT_METRICS_DB")
as_admin() { PGPASSWORD=$admin_password psql -X -q -v ON_ERROR_STOP=1 -U postgres -d postgres "$@"; }
as_owner() { PGPASSWORD=$owner_password psql -X -q -v ON_ERROR_STOP=1 -U "$owner_user" -d "$database" "$@"; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cli=artifacts/bin/StudentMetrics.Cli/release/student-metrics.dll
[ -f "$cli" ] || dotnet build lambda-image/src/StudentMetrics.Cli -c Release -v quiet -nologo >/dev/null

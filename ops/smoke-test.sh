#!/usr/bin/env bash
# After a deploy: uploads samples/student_metrics_sample.csv under raw/smoke-test/RUN/, waits for its report, and
# passes when the report says the file was cleaned. Then removes every version of the sample and of its outputs:
# they are the deploy's own, and clean/smoke-test/ is excluded from the Glue crawl, so nothing reaches PostgreSQL.
#   ops/smoke-test.sh [RUN_ID]          WAIT_SECONDS (300) bounds the wait; BUCKET overrides the storage stack's output
# Runs with the deploy role's rights (bootstrap.yaml, SmokeTest* statements): it lists only its own prefixes.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "smoke-test: $*" >&2; exit 1; }
prefix=${NAME_PREFIX:-student-metrics}
run=${1:-$(date -u +%Y%m%dT%H%M%SZ)}
wait_seconds=${WAIT_SECONDS:-300}
# aws CLI v1 ignores AWS_ENDPOINT_URL; passing it on keeps the script usable against the local AWS.
# shellcheck disable=SC2086
aws() { command aws ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} "$@"; }

bucket=${BUCKET:-$(aws cloudformation describe-stacks --stack-name "$prefix-storage" \
  --query "Stacks[0].Outputs[?OutputKey=='DataBucketName'].OutputValue | [0]" --output text)}
[ -n "$bucket" ] && [ "$bucket" != None ] || die "stack $prefix-storage has no DataBucketName output"
rest="smoke-test/$run/student_metrics_sample.csv"
report="reports/$rest.report.json"

remove_everything() {
  local area versions
  for area in raw clean rejects reports; do
    versions=$(aws s3api list-object-versions --bucket "$bucket" --prefix "$area/smoke-test/$run/" --output json \
      --query '{v: Versions[].[Key, VersionId], d: DeleteMarkers[].[Key, VersionId]}') || { echo "smoke-test: could not list $area/smoke-test/$run/" >&2; continue; }
    jq -r '((.v // []) + (.d // []))[] | @tsv' <<<"$versions" | while IFS=$'\t' read -r key version; do
      aws s3api delete-object --bucket "$bucket" --key "$key" --version-id "$version" >/dev/null
    done
  done
  echo "smoke-test: removed every version under */smoke-test/$run/"
}
trap remove_everything EXIT

aws s3 cp --quiet "$repo/samples/student_metrics_sample.csv" "s3://$bucket/raw/$rest"
echo "smoke-test: uploaded s3://$bucket/raw/$rest; waiting up to ${wait_seconds}s for $report"
deadline=$((SECONDS + wait_seconds))
until [ "$(aws s3api list-objects-v2 --bucket "$bucket" --prefix "$report" --query 'length(Contents || `[]`)' --output text)" = 1 ]; do
  [ "$SECONDS" -lt "$deadline" ] || die "no report after ${wait_seconds}s; see ops/RUNBOOK.md#uploads-oldest-message-age and the clean function's logs"
  sleep 5
done
out=$(mktemp)
aws s3 cp --quiet "s3://$bucket/$report" "$out"
status=$(jq -r .status "$out")
jq '{status, rows_read, rows_clean, rows_rejected, duration_ms}' "$out"
reason=$(jq -r 'if .reason then "\(.reason.code): \(.reason.message)" else "" end' "$out")
rm -f "$out"
[ "$status" = cleaned ] || die "the sample was $status: $reason"
echo "smoke-test: passed"

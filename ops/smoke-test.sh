#!/usr/bin/env bash
# After a deploy: uploads samples/student_metrics_sample.csv under raw/smoke-test/ and waits for its report.
# Passes when the report says the file was cleaned. clean/smoke-test/ is excluded from the Glue crawl, so the
# sample never reaches PostgreSQL.
#   ops/smoke-test.sh [RUN_ID]          WAIT_SECONDS (300) bounds the wait
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "smoke-test: $*" >&2; exit 1; }
prefix=${NAME_PREFIX:-student-metrics}
run=${1:-$(date -u +%Y%m%dT%H%M%SZ)}
wait_seconds=${WAIT_SECONDS:-300}

bucket=$(aws cloudformation describe-stacks --stack-name "$prefix-storage" \
  --query "Stacks[0].Outputs[?OutputKey=='DataBucketName'].OutputValue | [0]" --output text)
[ -n "$bucket" ] && [ "$bucket" != None ] || die "stack $prefix-storage has no DataBucketName output"
rest="smoke-test/$run/student_metrics_sample.csv"
report="reports/$rest.report.json"

aws s3 cp --quiet "$repo/samples/student_metrics_sample.csv" "s3://$bucket/raw/$rest"
echo "smoke-test: uploaded s3://$bucket/raw/$rest; waiting up to ${wait_seconds}s for $report"
deadline=$((SECONDS + wait_seconds))
until aws s3api head-object --bucket "$bucket" --key "$report" >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || die "no report after ${wait_seconds}s; see ops/RUNBOOK.md#uploads-oldest-message-age and the clean function's logs"
  sleep 5
done
out=$(mktemp)
aws s3 cp --quiet "s3://$bucket/$report" "$out"
status=$(jq -r .status "$out")
jq '{status, rows_read, rows_clean, rows_rejected, duration_ms}' "$out"
[ "$status" = cleaned ] || die "the sample was $status: $(jq -r 'if .reason then "\(.reason.code): \(.reason.message)" else "" end' "$out")"
echo "smoke-test: passed"

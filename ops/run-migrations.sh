#!/usr/bin/env bash
# Invokes the migrate function once and fails when it fails, printing its response and the tail of its log.
set -euo pipefail
prefix=${NAME_PREFIX:-student-metrics}
out=$(mktemp)
meta=$(aws lambda invoke --function-name "$prefix-migrate" --payload '{}' --cli-binary-format raw-in-base64-out \
  --log-type Tail --cli-read-timeout 900 "$out")
echo "$meta" | jq -r '.LogResult // empty' | base64 -d || true
echo "migrate returned: $(cat "$out")"
error=$(echo "$meta" | jq -r '.FunctionError // empty')
[ -z "$error" ] || { echo "run-migrations: migrate failed ($error); see ops/RUNBOOK.md#glue-job-failed for the database checks" >&2; exit 1; }

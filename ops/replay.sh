#!/usr/bin/env bash
# Re-processes one raw upload after a fix, without touching the raw object: sends the upload queue the same
# S3 ObjectCreated event S3 would have sent for BUCKET/KEY (current size, ETag and version), so the clean
# function runs on it again exactly as on the original upload.
#   ops/replay.sh BUCKET KEY [QUEUE_URL]
# QUEUE_URL defaults to the storage stack's upload queue (NAME_PREFIX, default student-metrics).
# Use --dry-run as the first argument to print the message instead of sending it.
set -euo pipefail
die() { echo "replay: $*" >&2; exit 1; }
dry_run=false
if [ "${1:-}" = --dry-run ]; then dry_run=true; shift; fi
[ $# -ge 2 ] || die "usage: ops/replay.sh [--dry-run] BUCKET KEY [QUEUE_URL]"
bucket=$1 key=$2 queue=${3:-}
case "$key" in raw/*) ;; *) die "KEY must be under raw/ (the pipeline only processes uploads): $key" ;; esac
command -v jq >/dev/null 2>&1 || die "jq is not on PATH"

head=$(aws s3api head-object --bucket "$bucket" --key "$key") || die "s3://$bucket/$key cannot be read"
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}
event=$(jq -c -n --arg bucket "$bucket" --arg key "$key" --arg region "$region" \
  --argjson head "$head" --arg now "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" '
  {Records: [{
    eventVersion: "2.1", eventSource: "aws:s3", awsRegion: $region, eventTime: $now,
    eventName: "ObjectCreated:Put",
    userIdentity: {principalId: "student-metrics-replay"},
    s3: {
      s3SchemaVersion: "1.0", configurationId: "student-metrics-replay",
      bucket: {name: $bucket, arn: ("arn:aws:s3:::" + $bucket)},
      object: ({
        # S3 URL-encodes keys in events (spaces as +); the function decodes them the same way.
        key: ($key | @uri | gsub("%20"; "+") | gsub("%2F"; "/")),
        size: $head.ContentLength,
        eTag: ($head.ETag | ltrimstr("\"") | rtrimstr("\"")),
        sequencer: "0"
      } + (if $head.VersionId then {versionId: $head.VersionId} else {} end))
    }
  }]}')

if $dry_run; then echo "$event"; exit 0; fi
if [ -z "$queue" ]; then
  queue=$(aws cloudformation describe-stacks --stack-name "${NAME_PREFIX:-student-metrics}-storage" \
    --query "Stacks[0].Outputs[?OutputKey=='UploadQueueUrl'].OutputValue | [0]" --output text)
  [ -n "$queue" ] && [ "$queue" != None ] || die "no QUEUE_URL given and the storage stack has no UploadQueueUrl output"
fi
# aws CLI v1 ignores AWS_ENDPOINT_URL for SQS; passing it on keeps the script usable against a local emulator.
# shellcheck disable=SC2086
aws ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} sqs send-message --queue-url "$queue" --message-body "$event" --query MessageId --output text
echo "replay: queued s3://$bucket/$key" >&2

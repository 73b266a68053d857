#!/usr/bin/env bash
# Reads an environment file (ops/environments/*.env) for a GitHub Actions job: exports its settings to the
# job's later steps ($GITHUB_ENV) and sets the step outputs `configured`, `region`, `deploy-role-arn` and
# `preview-role-arn`. Only known keys are accepted; the file is parsed, never sourced.
#   ops/load-environment.sh FILE
set -euo pipefail
die() { echo "load-environment: $*" >&2; exit 1; }
[ $# -eq 1 ] && [ -f "$1" ] || die "usage: ops/load-environment.sh FILE"
file=$1
known=" AWS_REGION AWS_DEPLOY_ROLE_ARN AWS_PREVIEW_ROLE_ARN NAME_PREFIX DATABASE_HOST DATABASE_PORT DATABASE_NAME VPC_ID PRIVATE_SUBNET_IDS GLUE_SUBNET_AZ ON_CALL_EMAIL ARCHITECTURE CLEAN_MEMORY_MB CLEAN_TIMEOUT_SECONDS CLEAN_RESERVED_CONCURRENCY "
required="AWS_REGION AWS_DEPLOY_ROLE_ARN DATABASE_HOST VPC_ID PRIVATE_SUBNET_IDS GLUE_SUBNET_AZ ON_CALL_EMAIL"
env_out=${GITHUB_ENV:-/dev/stdout}
outputs=${GITHUB_OUTPUT:-/dev/stdout}
declare -A value=()

line_number=0
while IFS= read -r line || [ -n "$line" ]; do
  line_number=$((line_number + 1))
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  [[ "$line" =~ ^([A-Z_]+)=([^[:space:]\"\']*)$ ]] || die "$file:$line_number: expected KEY=VALUE without spaces or quotes"
  key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
  [[ "$known" == *" $key "* ]] || die "$file:$line_number: unknown key $key"
  # lambda-image/publish.sh and the Dockerfile build a linux-x64 bootstrap; an arm64 function could not run it.
  [ "$key" != ARCHITECTURE ] || [ -z "$val" ] || [ "$val" = x86_64 ] || die "$file:$line_number: ARCHITECTURE=$val: the bootstrap is built for x86_64 only"
  value[$key]=$val
done < "$file"

missing=()
for key in $required; do [ -n "${value[$key]:-}" ] || missing+=("$key"); done
configured=true
if [ ${#missing[@]} -gt 0 ]; then
  configured=false
  echo "::warning title=Deployment not set up::$file has no value for: ${missing[*]} (see ops/README.md, Deploying)"
fi

for key in "${!value[@]}"; do
  [ -z "${value[$key]}" ] || echo "$key=${value[$key]}" >> "$env_out"
done
echo "IMAGE_PLATFORM=linux/amd64" >> "$env_out"
{
  echo "configured=$configured"
  echo "region=${value[AWS_REGION]:-}"
  echo "deploy-role-arn=${value[AWS_DEPLOY_ROLE_ARN]:-}"
  echo "preview-role-arn=${value[AWS_PREVIEW_ROLE_ARN]:-}"
} >> "$outputs"

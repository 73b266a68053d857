#!/usr/bin/env bash
# Deploys (or previews) the StudentMetrics stacks after the bootstrap stack: storage, pipeline, monitoring.
#
#   ops/deploy.sh deploy    upload the Glue script, deploy the three stacks in order (CloudFormation runs as the
#                           bootstrap stack's execution role)
#   ops/deploy.sh preview   for each stack that exists, create a change set from this checkout, print what it would
#                           change, delete it; nothing is executed
#
# Settings come from the environment (the workflows map GitHub repository variables onto them):
#   NAME_PREFIX (student-metrics)   IMAGE_TAG (deploy: required; the commit SHA the image was pushed as)
#   DATABASE_HOST  DATABASE_PORT (5432)  DATABASE_NAME (student_metrics)
#   VPC_ID  PRIVATE_SUBNET_IDS (comma separated)  GLUE_SUBNET_AZ (availability zone of the first subnet)
#   ON_CALL_EMAIL  REPOSITORY_URL (where alarm emails link ops/RUNBOOK.md; default in Actions:
#   https://github.com/OWNER/REPO/blob/main)
#   ARCHITECTURE (x86_64)  CLEAN_TIMEOUT_SECONDS (300)  CLEAN_MEMORY_MB (1024)  CLEAN_RESERVED_CONCURRENCY (10)
#   PREVIEW_ID (preview: names the uploaded templates)
# AWS_ENDPOINT_URL is honoured by the aws CLI, so the same script deploys into a local emulator.
set -euo pipefail
ops=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$ops/.." && pwd)
templates="$ops/cloudformation"

die() { echo "deploy: $*" >&2; exit 1; }
need() { [ -n "${!1:-}" ] || die "$1 is not set (see the header of ops/deploy.sh and ops/README.md)"; }

prefix=${NAME_PREFIX:-student-metrics}
clean_timeout=${CLEAN_TIMEOUT_SECONDS:-300}
if [ -z "${REPOSITORY_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
  REPOSITORY_URL="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/main"
fi

bootstrap_output() {
  aws cloudformation describe-stacks --stack-name "$prefix-bootstrap" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}

stack_exists() {
  aws cloudformation describe-stacks --stack-name "$1" >/dev/null 2>&1
}

# Parameters of one stack, one KEY=VALUE a line. "KEY=" alone means: keep the deployed value (preview only).
parameters() {
  local mode=$1 stack=$2
  case "$stack" in
    storage)
      echo "NamePrefix=$prefix"
      echo "UploadVisibilityTimeoutSeconds=$((clean_timeout * 6))"
      ;;
    pipeline)
      echo "NamePrefix=$prefix"
      echo "BootstrapStackName=$prefix-bootstrap"
      echo "StorageStackName=$prefix-storage"
      if [ "$mode" = preview ]; then echo "ImageTag="; echo "GlueScriptKey="; else
        echo "ImageTag=$IMAGE_TAG"; echo "GlueScriptKey=$glue_script_key"; fi
      echo "Architecture=${ARCHITECTURE:-x86_64}"
      echo "CleanTimeoutSeconds=$clean_timeout"
      echo "CleanMemoryMb=${CLEAN_MEMORY_MB:-1024}"
      echo "CleanReservedConcurrency=${CLEAN_RESERVED_CONCURRENCY:-10}"
      echo "DatabaseHost=$DATABASE_HOST"
      echo "DatabasePort=${DATABASE_PORT:-5432}"
      echo "DatabaseName=${DATABASE_NAME:-student_metrics}"
      echo "VpcId=$VPC_ID"
      echo "PrivateSubnetIds=$PRIVATE_SUBNET_IDS"
      echo "GlueSubnetAvailabilityZone=$GLUE_SUBNET_AZ"
      ;;
    monitoring)
      echo "NamePrefix=$prefix"
      echo "StorageStackName=$prefix-storage"
      echo "PipelineStackName=$prefix-pipeline"
      echo "OnCallEmail=$ON_CALL_EMAIL"
      echo "CleanTimeoutSeconds=$clean_timeout"
      [ -z "${REPOSITORY_URL:-}" ] || echo "RepositoryUrl=$REPOSITORY_URL"
      ;;
  esac
}

deploy_stack() {
  local stack=$1 overrides=()
  mapfile -t overrides < <(parameters deploy "$stack")
  echo "deploy: $prefix-$stack" >&2
  aws cloudformation deploy \
    --stack-name "$prefix-$stack" \
    --template-file "$templates/$stack.yaml" \
    --s3-bucket "$artifacts" --s3-prefix "templates/$IMAGE_TAG" \
    --role-arn "$execution_role" \
    --capabilities CAPABILITY_NAMED_IAM \
    --no-fail-on-empty-changeset \
    --tags "product=student-metrics" "commit=$IMAGE_TAG" \
    --parameter-overrides "${overrides[@]}"
}

preview_stack() {
  local stack=$1 name="$prefix-$1" change_set="preview-${PREVIEW_ID:-local}"
  if ! stack_exists "$name"; then
    echo "### $name: not deployed yet; the first deploy creates every resource in ops/cloudformation/$stack.yaml"
    return
  fi
  local key="templates/preview-${PREVIEW_ID:-local}/$stack.yaml"
  aws s3 cp --quiet "$templates/$stack.yaml" "s3://$artifacts/$key"
  local params
  params=$(parameters preview "$stack" | jq -R -s 'split("\n") | map(select(length > 0) | capture("^(?<k>[^=]+)=(?<v>.*)$"))
    | map(if .v == "" then {ParameterKey: .k, UsePreviousValue: true} else {ParameterKey: .k, ParameterValue: .v} end)')
  aws cloudformation delete-change-set --stack-name "$name" --change-set-name "$change_set" >/dev/null 2>&1 || true
  aws cloudformation create-change-set --stack-name "$name" --change-set-name "$change_set" \
    --template-url "https://$artifacts.s3.$region.amazonaws.com/$key" \
    --role-arn "$execution_role" --capabilities CAPABILITY_NAMED_IAM \
    --parameters "$params" >/dev/null
  aws cloudformation wait change-set-create-complete --stack-name "$name" --change-set-name "$change_set" 2>/dev/null || true
  local status reason
  status=$(aws cloudformation describe-change-set --stack-name "$name" --change-set-name "$change_set" --query Status --output text)
  reason=$(aws cloudformation describe-change-set --stack-name "$name" --change-set-name "$change_set" --query StatusReason --output text)
  echo "### $name"
  if [ "$status" = CREATE_COMPLETE ]; then
    echo '```'
    aws cloudformation describe-change-set --stack-name "$name" --change-set-name "$change_set" \
      --query 'Changes[].ResourceChange.{Action:Action,Resource:LogicalResourceId,Type:ResourceType,Replacement:Replacement}' \
      --output table
    echo '```'
  elif [[ "$reason" == *"didn't contain changes"* || "$reason" == *"No updates"* ]]; then
    echo "no changes"
  else
    aws cloudformation delete-change-set --stack-name "$name" --change-set-name "$change_set" >/dev/null 2>&1 || true
    die "change set for $name failed: $reason"
  fi
  aws cloudformation delete-change-set --stack-name "$name" --change-set-name "$change_set" >/dev/null
}

command -v aws >/dev/null 2>&1 || die "the aws CLI is not on PATH"
command -v jq >/dev/null 2>&1 || die "jq is not on PATH"
mode=${1:-}
case "$mode" in deploy|preview) ;; *) die "usage: ops/deploy.sh deploy|preview" ;; esac
for v in DATABASE_HOST VPC_ID PRIVATE_SUBNET_IDS GLUE_SUBNET_AZ ON_CALL_EMAIL; do need "$v"; done
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
[ -n "$region" ] || die "AWS_REGION is not set"

artifacts=$(bootstrap_output ArtifactsBucketName)
execution_role=$(bootstrap_output CloudFormationExecutionRoleArn)
[ -n "$artifacts" ] && [ "$artifacts" != None ] || die "stack $prefix-bootstrap is missing or has no ArtifactsBucketName output; deploy ops/cloudformation/bootstrap.yaml first (ops/README.md)"

if [ "$mode" = deploy ]; then
  need IMAGE_TAG
  script="$repo/glue/student_metrics_load.py"
  [ -f "$script" ] || die "$script is missing; the Glue job needs it"
  glue_script_key="glue/$IMAGE_TAG/student_metrics_load.py"
  aws s3 cp --quiet "$script" "s3://$artifacts/$glue_script_key"
  for stack in storage pipeline monitoring; do deploy_stack "$stack"; done
else
  summary=${GITHUB_STEP_SUMMARY:-/dev/null}
  for stack in storage pipeline monitoring; do preview_stack "$stack"; done | tee -a "$summary"
fi

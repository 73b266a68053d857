#!/usr/bin/env bash
# Deploys (or previews) the StudentMetrics stacks after the bootstrap stack: storage, pipeline, monitoring.
#
#   ops/deploy.sh deploy    upload the Glue script, deploy storage; run the migrations with the new image (once the
#                           pipeline stack exists); deploy pipeline (new code goes live), then monitoring.
#                           CloudFormation runs as the bootstrap stack's execution role.
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
#
# Order rule: migrations run before the code that needs them goes live, so every migration must keep working with the
# code of the release before it (add a column, backfill, start using it; drop only a release after nothing reads it).
# On the first deploy there is no migrate function yet: the pipeline stack is created first, then migrate runs.
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

stack_status() {
  aws cloudformation describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo NONE
}

# What went wrong, in CloudFormation's words: the failed events of the stack's latest operation.
failed_events() {
  aws cloudformation describe-stack-events --stack-name "$1" --max-items 60 \
    --query "StackEvents[?ends_with(ResourceStatus, 'FAILED')].[Timestamp,LogicalResourceId,ResourceType,ResourceStatus,ResourceStatusReason]" \
    --output text >&2 || true
}

# A stack whose first create failed is left in ROLLBACK_COMPLETE: it cannot be updated, only deleted, and deleting is
# an administrator's job (the deploy role may not delete stacks). Say what failed and what to do.
refuse_rolled_back() {
  local name=$1 status
  status=$(stack_status "$name")
  [ "$status" = ROLLBACK_COMPLETE ] || return 0
  echo "deploy: $name is ROLLBACK_COMPLETE: its first create failed, and CloudFormation cannot update it. What failed:" >&2
  failed_events "$name"
  die "fix the cause, then an administrator deletes it ('aws cloudformation delete-stack --stack-name $name'; retained resources such as the bucket, key, queues and secrets stay and must be deleted or imported first) and the deploy is re-run. See ops/RUNBOOK.md#a-deploy-failed"
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
      if [ "$mode" = preview ]; then echo "ImageTag="; echo "GlueScriptKey="; echo "GlueContractsPrefix="; else
        echo "ImageTag=$IMAGE_TAG"; echo "GlueScriptKey=$glue_script_key"; echo "GlueContractsPrefix=$glue_contracts_prefix"; fi
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
  refuse_rolled_back "$prefix-$stack"
  echo "deploy: $prefix-$stack" >&2
  # --force-upload: the template under templates/ is always this checkout's, never one already there.
  # The product tag scopes what the execution role may change (bootstrap.yaml); CloudFormation puts it on every resource.
  if ! aws cloudformation deploy \
    --stack-name "$prefix-$stack" \
    --template-file "$templates/$stack.yaml" \
    --s3-bucket "$artifacts" --s3-prefix "templates/$IMAGE_TAG" --force-upload \
    --role-arn "$execution_role" \
    --capabilities CAPABILITY_NAMED_IAM \
    --no-fail-on-empty-changeset \
    --tags "product=$prefix" "commit=$IMAGE_TAG" \
    --parameter-overrides "${overrides[@]}"; then
    echo "deploy: $prefix-$stack failed ($(stack_status "$prefix-$stack")). What failed:" >&2
    failed_events "$prefix-$stack"
    die "see ops/RUNBOOK.md#a-deploy-failed"
  fi
}

# The migrate function, pointed at the new image, then invoked: the schema is ready before the new code is live.
migrate_with_new_image() {
  local uri
  uri=$(bootstrap_output RepositoryUri)
  echo "deploy: $prefix-migrate -> $uri:$IMAGE_TAG, then migrations" >&2
  aws lambda update-function-code --function-name "$prefix-migrate" --image-uri "$uri:$IMAGE_TAG" >/dev/null
  aws lambda wait function-updated --function-name "$prefix-migrate"
  "$ops/run-migrations.sh"
}

preview_stack() {
  local stack=$1 name="$prefix-$1" change_set="preview-${PREVIEW_ID:-local}"
  if ! stack_exists "$name"; then
    echo "### $name: not deployed yet; the first deploy creates every resource in ops/cloudformation/$stack.yaml"
    return
  fi
  # previews/, never templates/: what a pull request uploads must not be what a deploy executes.
  local key="previews/${PREVIEW_ID:-local}/$stack.yaml"
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
  # The job reads each feed's columns from the contract files this commit carries.
  glue_contracts_prefix="glue/$IMAGE_TAG/contracts/"
  aws s3 cp --quiet --recursive "$repo/contracts/" "s3://$artifacts/$glue_contracts_prefix" --exclude "*" --include "*.json"
  deploy_stack storage
  # No migrate function before the pipeline stack's first create: then migrations run right after it.
  first_deploy=false
  case "$(stack_status "$prefix-pipeline")" in NONE|REVIEW_IN_PROGRESS) first_deploy=true ;; esac
  $first_deploy || migrate_with_new_image
  deploy_stack pipeline
  ! $first_deploy || "$ops/run-migrations.sh"
  deploy_stack monitoring
else
  summary=${GITHUB_STEP_SUMMARY:-/dev/null}
  for stack in storage pipeline monitoring; do preview_stack "$stack"; done | tee -a "$summary"
fi

#!/usr/bin/env bash
# Builds the Lambda image and pushes it to the bootstrap stack's repository, tagged with TAG (the commit SHA).
# Tags are immutable: a tag that is already there is left alone, so re-running a deploy is safe.
#   ops/push-image.sh TAG [PLATFORM]     PLATFORM: linux/amd64 (the default, and the only one the bootstrap is built for)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "push-image: $*" >&2; exit 1; }
[ $# -ge 1 ] || die "usage: ops/push-image.sh TAG [PLATFORM]"
tag=$1 platform=${2:-linux/amd64} prefix=${NAME_PREFIX:-student-metrics}
command -v docker >/dev/null 2>&1 || die "docker is not on PATH"

uri=$(aws cloudformation describe-stacks --stack-name "$prefix-bootstrap" \
  --query "Stacks[0].Outputs[?OutputKey=='RepositoryUri'].OutputValue | [0]" --output text)
[ -n "$uri" ] && [ "$uri" != None ] || die "stack $prefix-bootstrap has no RepositoryUri output; deploy ops/cloudformation/bootstrap.yaml first"
name=${uri#*/}
registry=${uri%%/*}

if aws ecr describe-images --repository-name "$name" --image-ids "imageTag=$tag" >/dev/null 2>&1; then
  echo "push-image: $uri:$tag exists already"
  exit 0
fi
aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
# Lambda wants a single-platform image manifest, hence no provenance attestation index.
docker build --platform "$platform" --provenance=false -t "$uri:$tag" "$repo"
docker push "$uri:$tag"

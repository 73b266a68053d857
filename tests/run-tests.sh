#!/usr/bin/env bash
# Every test project of the solution. Called by `make test` inside ops/local/with-stack.sh (the stack is up).
set -uo pipefail
config=${1:-Release}
cd "$(dirname "$0")/.."
mkdir -p .local
log=.local/test-output.log
# Everything the tests write stays in the clone: temporary files under .local/tmp (removed first, so none pile up).
rm -rf .local/tmp && mkdir -p .local/tmp
export TMPDIR="$PWD/.local/tmp"
ops/local/check-prereqs.sh chromium || exit 1
ops/lint.sh || exit 1
glue/check.sh || exit 1
lambda-image/publish.sh || { echo "run-tests: the native-AOT publish failed (see .local/publish.log)" >&2; exit 1; }
dotnet test StudentMetrics.sln -c "$config" --no-build -nologo --logger "console;verbosity=normal" >"$log" 2>&1
status=$?
# Failures in full, passes as one line each project.
grep -E '^\s*(Failed |Error Message|Stack Trace|\s+at |\s+Assert|Passed!|Failed!)|error' "$log" | grep -vE '^\s*Passed ' | head -400
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "(full log: $log)"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1

#!/usr/bin/env bash
# Runs a command with the local stack up and its settings exported; the stack is stopped when the command
# ends, fails or is interrupted.
#   ops/local/with-stack.sh [--keep-data] COMMAND [ARGS...]
# --keep-data keeps PostgreSQL's data in .local/stack-data between runs (make run; `make reset` deletes it);
# without it the whole stack is thrown away (make test).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
kept=""
if [ "${1:-}" = --keep-data ]; then kept="$repo/.local/stack-data/postgres"; shift; fi
dir="$repo/.local/stacks/$$"
trap '"$here/stack.sh" down "$dir"' EXIT
trap 'exit 130' INT TERM
"$here/stack.sh" up "$dir" $$ $kept
# shellcheck disable=SC1091
source "$dir/stack.env"
"$@"

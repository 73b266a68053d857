#!/usr/bin/env bash
# Runs a command with the local stack up and its settings exported; the stack is stopped when the command
# ends, fails or is interrupted.  Usage: ops/local/with-stack.sh COMMAND [ARGS...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir="$repo/.local/stacks/$$"
trap '"$here/stack.sh" down "$dir"' EXIT
trap 'exit 130' INT TERM
"$here/stack.sh" up "$dir" $$
# shellcheck disable=SC1091
source "$dir/stack.env"
"$@"

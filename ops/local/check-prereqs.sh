#!/usr/bin/env bash
# Says, before anything runs, what is missing and how to get it, and says so before it installs anything.
# Usage: check-prereqs.sh [build|stack|chromium]...
set -uo pipefail
missing=0
need() { # need COMMAND "how to install"
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "missing: $1 — $2" >&2; missing=1
}
for what in "$@"; do
  case "$what" in
    build)
      need dotnet "install the .NET 10 SDK (https://dotnet.microsoft.com/download, or 'apt-get install dotnet-sdk-10.0')"
      if command -v dotnet >/dev/null 2>&1 && ! dotnet --list-sdks | grep -q '^10\.'; then
        echo "missing: .NET SDK 10 — found only: $(dotnet --list-sdks | tr '\n' ' ')" >&2; missing=1
      fi ;;
    stack)
      need python3 "install Python 3 ('apt-get install python3')"
      need curl "'apt-get install curl'"
      if ! command -v moto_server >/dev/null 2>&1; then
        echo "moto_server (the local AWS) is missing; trying: pip install \"moto[server]\"" >&2
        python3 -m pip install --quiet "moto[server]" >&2 || true
        hash -r
        need moto_server "pip install \"moto[server]\" (moto 5)"
      fi
      if ! command -v pg_config >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
          echo "PostgreSQL server is missing; installing Debian's postgresql package" >&2
          (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || true
        fi
        ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v pg_config >/dev/null 2>&1 || {
          echo "missing: PostgreSQL 15 server — 'apt-get install postgresql' (Debian/Ubuntu) or 'brew install postgresql@15' (macOS)" >&2; missing=1; }
      fi ;;
    chromium)
      # The dashboard screenshot test drives headless Chromium.
      if [ ! -x /usr/bin/chromium ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
          echo "installing Debian's chromium for the dashboard screenshot test (apt-get install chromium)" >&2
          (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || true
        fi
        [ -x /usr/bin/chromium ] || { echo "missing: chromium — 'apt-get install chromium' (the dashboard screenshot test needs it)" >&2; missing=1; }
      fi ;;
  esac
done
exit $missing

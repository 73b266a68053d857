#!/usr/bin/env bash
# Native-AOT publish of the student-metrics CLI for linux-x64 into artifacts/lambda/bootstrap: the Lambda image's
# /var/runtime/bootstrap (the Dockerfile runs this same script on Amazon Linux 2023).
#
# Zero trim/AOT analysis warnings from the product's own code: they are errors (TreatWarningsAsErrors) and fail the
# publish. Packages that are not annotated for trimming only ever yield one collapsed warning each (IL2104/IL3053);
# those are allowed for the packages listed below and nothing else, and are printed so they stay visible.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
out=artifacts/lambda
allowed_packages='Sylvan\.Data\.Csv|AWSSDK\.Core|AWSSDK\.S3|dbup-core|dbup-postgresql|DbUp[A-Za-z.]*'

# The AOT linker step needs clang (Debian may only have a versioned clang-NN) and zlib.
compiler=""
for candidate in clang $(compgen -c clang- 2>/dev/null | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n -r); do
  if command -v "$candidate" >/dev/null 2>&1; then compiler=$candidate; break; fi
done
[ -n "$compiler" ] || { echo "publish: native AOT needs clang (apt-get install clang zlib1g-dev, or dnf install clang zlib-devel)" >&2; exit 1; }

mkdir -p "$out" .local
log=.local/publish.log
set +e
dotnet publish lambda-image/src/StudentMetrics.Cli/StudentMetrics.Cli.csproj -c Release -r linux-x64 -nologo \
  -p:CppCompilerAndLinker="$compiler" '-p:WarningsNotAsErrors=IL2104%3BIL3053' -o "$out/publish" >"$log" 2>&1
status=$?
set -e
unexpected=$(grep -E '(warning|error) (IL[0-9]+|CS[0-9]+|CA[0-9]+|MSB[0-9]+|NETSDK[0-9]+)' "$log" \
  | grep -vE "/($allowed_packages)\.dll : warning IL(2104|3053):" | sort -u || true)
if [ "$status" -ne 0 ] || [ -n "$unexpected" ]; then
  echo "publish: failed (full log: $log)" >&2
  if [ -n "$unexpected" ]; then echo "$unexpected" >&2; else tail -30 "$log" >&2; fi
  exit 1
fi
grep -E "warning IL(2104|3053):" "$log" | sed -E 's/ \[.*$//; s/^.*\/([^/]+\.dll)/  package \1/' | sort -u | sed 's/^/publish: allowed: /' >&2 || true
cp "$out/publish/student-metrics" "$out/bootstrap"
chmod +x "$out/bootstrap"
echo "publish: $out/bootstrap ($(du -h "$out/bootstrap" | cut -f1), compiled with $compiler)"

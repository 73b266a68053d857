#!/usr/bin/env bash
# Cold start of the native-AOT Lambda bootstrap: from process start to its first `GET /runtime/invocation/next`
# (the whole init phase: runtime start, configuration, building the function and its S3 client), median of 20
# fresh processes, and the binary's size. Targets: under 50 ms and under 40 MB.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
binary=artifacts/lambda/bootstrap
runs=${COLDSTART_RUNS:-20}
function=${COLDSTART_FUNCTION:-clean}

if [ ! -x "$binary" ] || [ -n "$(find lambda-image/src db/migrations Directory.Packages.props -newer "$binary" -type f \
     -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  lambda-image/publish.sh >&2
fi

python3 - "$binary" "$runs" "$function" <<'PY'
import os, socket, statistics, subprocess, sys, time

binary, runs, function = sys.argv[1], int(sys.argv[2]), sys.argv[3]
samples = []
for _ in range(runs):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    env = dict(os.environ,
               AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.getsockname()[1],
               STUDENT_METRICS_FUNCTION=function,
               AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="coldstart", AWS_SECRET_ACCESS_KEY="coldstart",
               AWS_ENDPOINT_URL="http://127.0.0.1:9")
    started = time.perf_counter()
    process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server.settimeout(30)
    connection, _ = server.accept()
    request = b""
    while b"\r\n" not in request:
        chunk = connection.recv(4096)
        if not chunk:
            break
        request += chunk
    elapsed = (time.perf_counter() - started) * 1000
    if not request.startswith(b"GET /2018-06-01/runtime/invocation/next"):
        sys.exit("coldstart: the first request was not `next`: %r" % request[:80])
    samples.append(elapsed)
    process.kill()
    process.wait()
    connection.close()
    server.close()

median = statistics.median(samples)
size_mb = os.path.getsize(binary) / (1024 * 1024)
print("coldstart: function %s, %d runs: median %.1f ms (min %.1f, max %.1f) to the first `next` request; target < 50 ms: %s"
      % (function, runs, median, min(samples), max(samples), "met" if median < 50 else "MISSED"))
print("coldstart: bootstrap size %.1f MB; target < 40 MB: %s" % (size_mb, "met" if size_mb < 40 else "MISSED"))
sys.exit(0 if median < 50 and size_mb < 40 else 1)
PY

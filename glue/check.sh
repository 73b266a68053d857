#!/usr/bin/env bash
# The Glue job cannot run here (no Glue runtime), so check what can be: it compiles, and its pure helpers work.
# The columns it writes are compared with the staging table by an integration test (GlueJobTests).
set -euo pipefail
cd "$(dirname "$0")"
# Compiled files go to a scratch directory, never beside the sources.
export PYTHONPYCACHEPREFIX="${TMPDIR:-/tmp}/student-metrics-glue-pycache"
python3 -m py_compile student_metrics_load.py
python3 -B -m unittest -q test_student_metrics_load.py
echo "glue: student_metrics_load.py compiles, helpers pass"

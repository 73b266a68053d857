#!/usr/bin/env bash
# Proves that adding an optional column to the student_metrics feed is one contract edit plus one migration:
# in a throwaway clone of this repository it adds `writing_score` (contract version 1.1) and its migration, checks
# that git sees exactly those two files changed, then runs `make test` and `make run` there and checks the new
# column reaches the database. Slow (a whole test suite): run it by hand, e.g. before changing how columns flow.
#   tests/contract-change/optional-column.sh [WORKDIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/student-metrics-optional-column.XXXXXX")}
rm -rf "$work/repo" && git clone -q "$repo" "$work/repo" && cd "$work/repo"
git checkout -q "$(git -C "$repo" rev-parse HEAD)"

last=$(ls db/migrations | grep -E '^[0-9]{4}_' | sort | tail -1 | cut -c1-4)
migration=$(printf 'db/migrations/%04d_student_metrics_writing_score.sql' $((10#$last + 1)))

# 1. The contract edit: a minor version, one optional column (a line added after science_score, the version bumped).
python3 - <<'PY'
import pathlib, re
path = pathlib.Path("contracts/student_metrics.v1.json")
text = path.read_text(encoding="utf-8")
text = text.replace('"version": "1.0"', '"version": "1.1"', 1)
line = next(l for l in text.splitlines(keepends=True) if '"name": "science_score"' in l)
text = text.replace(line, line + line.replace("science_score", "writing_score").replace('"science"', '"writing"'), 1)
path.write_text(text, encoding="utf-8")
PY
# 2. The migration: the column on the stored, staging and displaced-rows tables, with the contract's bound.
cat > "$migration" <<'SQL'
-- student_metrics contract 1.1: writing_score, optional, 0 to 100 with two decimals.
ALTER TABLE core.student_metrics ADD COLUMN writing_score numeric(5,2) CHECK (writing_score BETWEEN 0 AND 100);
ALTER TABLE core.student_metrics_staging ADD COLUMN writing_score numeric(5,2);
ALTER TABLE core.student_metrics_displaced ADD COLUMN writing_score numeric(5,2);
SQL

changed=$(git status --porcelain | sort)
expected=$(printf ' M contracts/student_metrics.v1.json\n?? %s' "$migration" | sort)
[ "$changed" = "$expected" ] || { echo "optional-column: expected exactly the contract and $migration to change, got:"; echo "$changed"; exit 1; }
echo "optional-column: changed by hand:"; echo "$changed"
# The contract's tables in the docs are generated from it.
make contracts
echo "optional-column: changed in all (the docs generated):"; git status --porcelain | sort

# 3. Everything else follows: the whole suite, then the pipeline on a file that carries the new column.
make test
python3 - <<'PY'
import csv
rows = list(csv.reader(open("samples/student_metrics_sample.csv", encoding="utf-8", newline="")))
rows[0].append("writing_score")
for i, row in enumerate(rows[1:], start=1):
    row.append(str(50 + i % 40))
with open(".local/with-writing.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(rows)
PY
make run FILE=.local/with-writing.csv | tee .local/optional-column-run.txt
grep -q "contract_version.*1.1\|\"1.1\"" .local/run/report.json || { echo "optional-column: the report does not say contract 1.1"; exit 1; }
head -1 .local/run/cleaned.csv | tr ',' '\n' | grep -qx writing_score || { echo "optional-column: the cleaned file has no writing_score column"; exit 1; }
echo "optional-column: passed in $work/repo (contract 1.1, $migration)"

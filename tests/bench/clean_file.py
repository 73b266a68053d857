#!/usr/bin/env python3
"""Writes a deterministic cleaned student_metrics file (the feed spec's cleaned form) of N rows to stdout.

Usage: clean_file.py ROWS [SEED]   Same arguments, same bytes.
"""
import random
import sys

HEADER = ("student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,"
          "days_enrolled,days_present,tardies,behavior_incidents,recorded_on,source_row")
TERMS = ["2023-2024-S1", "2023-2024-S2", "2024-2025-S1", "2024-2025-S2"]


def score(rng):
    return "" if rng.random() < 0.05 else f"{rng.randint(0, 10000) / 100:.2f}"


def main():
    rows = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20250315)
    out = sys.stdout
    out.write(HEADER + "\n")
    for n in range(1, rows + 1):
        # (student_id, term) is unique, as in every cleaned file: one student per term.
        student = f"S{(n - 1) // len(TERMS):07d}"
        term = TERMS[(n - 1) % len(TERMS)]
        enrolled = rng.randint(60, 180)
        out.write(",".join((
            student, f"SCH{rng.randint(1, 400):03d}", str(rng.randint(-1, 12)), term,
            score(rng), score(rng), score(rng), f"{rng.randint(0, 500) / 100:.2f}",
            str(enrolled), str(rng.randint(0, enrolled)), str(rng.randint(0, 20)), str(rng.randint(0, 5)),
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", str(n))) + "\n")


if __name__ == "__main__":
    main()

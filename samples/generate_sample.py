#!/usr/bin/env python3
"""Writes samples/student_metrics_sample.csv: a deterministic, realistic student_metrics export.

Four schools with enough students per grade and term for every dashboard group to be shown, two small schools
whose groups fall under the privacy threshold, values written the ways real exports write them (lower-case ids,
'85%', '2024-25 S1', US dates, null tokens) and a handful of rows that break the contract, each for one reason.
"""
import csv
import random
import sys

rng = random.Random(20250315)
COLUMNS = ["student_id", "school_id", "grade_level", "term", "math_score", "reading_score", "science_score", "gpa",
           "days_enrolled", "days_present", "tardies", "behavior_incidents", "recorded_on"]
SCHOOLS = [("LIN-ELEM", [3, 4, 5], 13), ("OAK-ELEM", [3, 4, 5], 12), ("RIVER-MS", [6, 7, 8], 12),
           ("HILL-HS", [9, 10], 14), ("PINE-ACAD", [6], 6),
           ("BAY-ACAD", [7], 5)]
TERMS = [("2024-2025-S1", "2024-12-{:02d}"), ("2024-2025-S2", "2025-05-{:02d}")]


def student_rows():
    number = 1000
    for school, grades, per_grade in SCHOOLS:
        strength = rng.gauss(0, 6)
        for grade in grades:
            for _ in range(per_grade):
                number += 1
                ability = rng.gauss(74 + strength, 11)
                engagement = min(1.0, max(0.6, rng.gauss(0.94, 0.06)))
                for term, date in TERMS:
                    enrolled = rng.choice([86, 88, 90, 91]) if term.endswith("S1") else rng.choice([84, 87, 89])
                    present = max(0, min(enrolled, round(enrolled * min(1.0, engagement + rng.gauss(0, 0.02)))))
                    score = lambda shift: round(max(0, min(100, ability + shift + rng.gauss(0, 6))), 2)
                    math, reading, science = score(0), score(2), score(-1)
                    gpa = round(max(0, min(4.0, (math + reading + science) / 3 / 25)), 2)
                    yield {
                        "student_id": f"S{number:06d}", "school_id": school, "grade_level": str(grade), "term": term,
                        "math_score": f"{math:.2f}", "reading_score": f"{reading:.2f}", "science_score": f"{science:.2f}",
                        "gpa": f"{gpa:.2f}", "days_enrolled": str(enrolled), "days_present": str(present),
                        "tardies": str(max(0, int(rng.expovariate(0.7)))),
                        "behavior_incidents": str(int(rng.expovariate(2.5)) if engagement > 0.85 else int(rng.expovariate(0.8))),
                        "recorded_on": date.format(rng.randint(10, 20)),
                    }


def main(path):
    rows = list(student_rows())
    # Written the ways real exports write them: all of these clean to canonical values.
    rows[3]["student_id"] = rows[3]["student_id"].lower()
    rows[5]["math_score"] = rows[5]["math_score"][:-3] + "%"
    rows[8]["term"] = "2024-25 S1" if rows[8]["term"].endswith("S1") else "2024-25 S2"
    rows[11]["recorded_on"] = "5/14/2025" if rows[11]["term"].endswith("S2") else "12/14/2024"
    rows[14]["science_score"] = "NA"
    rows[17]["gpa"] = ""
    rows[20]["grade_level"] = rows[20]["grade_level"] + "th"
    rows[23]["recorded_on"] = " " + rows[23]["recorded_on"] + " "
    # Rows that break the contract, one reason each (the rejects file names it).
    rows[40]["student_id"] = ""                                              # student_id:missing
    rows[61]["days_present"] = str(int(rows[61]["days_enrolled"]) + 4)      # days_present:present_exceeds_enrolled
    rows[82]["math_score"] = "104.5"                                         # math_score:out_of_range
    rows[103]["recorded_on"] = "2025-02-30"                                  # recorded_on:unparseable_date
    rows[124]["grade_level"] = "14"                                          # grade_level:out_of_range
    rows[145]["term"] = "Fall 2024"                                          # term:invalid_format
    rows[166]["reading_score"] = "seventy"                                   # reading_score:unparseable_number
    duplicate = dict(rows[187])                                              # duplicate_key: the earlier record loses
    duplicate["recorded_on"] = duplicate["recorded_on"][:-2] + "01"
    duplicate["math_score"] = "12.00"
    rows.insert(190, duplicate)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "samples/student_metrics_sample.csv")

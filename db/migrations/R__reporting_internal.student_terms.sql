-- One row per student and term with the derived indicators every aggregate view shares.
-- Unknown inputs stay NULL (not false), so a student without attendance data is not counted as attending.

CREATE VIEW reporting_internal.student_terms AS
SELECT m.student_id,
       m.school_id,
       m.grade_level,
       m.term,
       m.math_score,
       m.reading_score,
       m.science_score,
       m.days_enrolled,
       CASE WHEN m.days_enrolled > 0 THEN m.days_present END AS days_present,
       m.behavior_incidents,
       CASE WHEN m.days_enrolled > 0 THEN m.days_present < s.chronic_absence_below * m.days_enrolled END AS chronically_absent,
       LEAST(m.math_score, m.reading_score, m.science_score) < s.at_risk_score_below AS low_scores,
       m.behavior_incidents >= s.at_risk_incidents_at_least AS many_incidents
FROM core.student_metrics m
CROSS JOIN reporting.settings s;

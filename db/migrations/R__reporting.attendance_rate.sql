-- requires: reporting_internal.student_terms, reporting_internal.group_suppression, reporting_internal.suppression_reason
--
-- Attendance rate = days present / days enrolled, over students whose days present are known.
-- Columns follow the conventions in R__reporting_internal.group_suppression.sql.

CREATE VIEW reporting.attendance_rate AS
WITH grouped AS (
    SELECT CASE GROUPING(t.school_id, t.grade_level) WHEN 1 THEN 'school' WHEN 2 THEN 'grade' ELSE 'district' END AS scope,
           t.school_id, t.grade_level, t.term,
           count(*) AS student_count,
           sum(t.days_enrolled) AS days_enrolled,
           sum(t.days_present) AS days_present
    FROM reporting_internal.student_terms t
    WHERE t.days_present IS NOT NULL
    GROUP BY GROUPING SETS ((t.school_id, t.term), (t.grade_level, t.term), (t.term))
)
SELECT gs.scope, gs.school AS school_id, gs.grade_level, gs.grade, gs.term,
       x.reason IS NOT NULL AS suppressed,
       x.reason AS suppression_reason,
       CASE WHEN x.reason IS NULL THEN g.student_count END AS student_count,
       CASE WHEN x.reason IS NULL THEN g.days_enrolled END AS days_enrolled,
       CASE WHEN x.reason IS NULL THEN g.days_present END AS days_present,
       CASE WHEN x.reason IS NULL THEN round(g.days_present::numeric / nullif(g.days_enrolled, 0), 4) END AS attendance_rate
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON (gs.scope, gs.term) = (g.scope, g.term) AND (gs.school_id, gs.grade_level) IS NOT DISTINCT FROM (g.school_id, g.grade_level)
CROSS JOIN LATERAL (SELECT reporting_internal.suppression_reason(gs.suppression_reason, g.student_count, gs.min_group_size) AS reason) x;

GRANT SELECT ON reporting.attendance_rate TO student_metrics_reporting;

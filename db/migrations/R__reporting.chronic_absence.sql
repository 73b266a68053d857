-- requires: reporting_internal.student_terms, reporting_internal.group_suppression, reporting_internal.suppression_reason
--
-- Chronic absence: students present on less than settings.chronic_absence_below (90%) of their enrolled days.
-- Columns follow the conventions in R__reporting_internal.group_suppression.sql.

CREATE VIEW reporting.chronic_absence AS
WITH grouped AS (
    SELECT CASE GROUPING(t.school_id) WHEN 0 THEN 'school' ELSE 'district' END AS scope,
           t.school_id, t.term,
           count(*) AS student_count,
           count(*) FILTER (WHERE t.chronically_absent) AS chronically_absent_count
    FROM reporting_internal.student_terms t
    WHERE t.chronically_absent IS NOT NULL
    GROUP BY GROUPING SETS ((t.school_id, t.term), (t.term))
)
SELECT gs.scope, gs.school AS school_id, gs.term,
       x.reason IS NOT NULL AS suppressed,
       x.reason AS suppression_reason,
       CASE WHEN x.reason IS NULL THEN g.student_count END AS student_count,
       CASE WHEN x.reason IS NULL THEN g.chronically_absent_count END AS chronically_absent_count,
       CASE WHEN x.reason IS NULL THEN round(g.chronically_absent_count::numeric / g.student_count, 4) END AS chronic_absence_rate
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON (gs.scope, gs.term) = (g.scope, g.term) AND gs.school_id IS NOT DISTINCT FROM g.school_id
CROSS JOIN LATERAL (SELECT reporting_internal.suppression_reason(gs.suppression_reason, g.student_count, gs.min_group_size) AS reason) x;

GRANT SELECT ON reporting.chronic_absence TO student_metrics_reporting;

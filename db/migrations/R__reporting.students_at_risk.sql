-- requires: reporting_internal.student_terms, reporting_internal.group_suppression
--
-- Students at risk, from the three early-warning indicators (attendance, behaviour, course performance):
--   low attendance  chronically absent (present < settings.chronic_absence_below of enrolled days)
--   low scores      any subject score below settings.at_risk_score_below (60)
--   many incidents  behaviour incidents >= settings.at_risk_incidents_at_least (3) in the term
-- A student is at risk with at least one indicator; a missing value never raises an indicator.
-- Every number here counts the whole group, so the group's decision is the only one.
-- Columns follow the conventions in R__reporting_internal.group_suppression.sql.

CREATE VIEW reporting.students_at_risk AS
WITH flagged AS (
    SELECT t.school_id, t.term,
           coalesce(t.chronically_absent, false) AS low_attendance,
           coalesce(t.low_scores, false) AS low_scores,
           coalesce(t.many_incidents, false) AS many_incidents
    FROM reporting_internal.student_terms t
),
grouped AS (
    SELECT CASE GROUPING(f.school_id) WHEN 0 THEN 'school' ELSE 'district' END AS scope,
           f.school_id, f.term,
           count(*) AS student_count,
           count(*) FILTER (WHERE f.low_attendance OR f.low_scores OR f.many_incidents) AS at_risk_count,
           count(*) FILTER (WHERE f.low_attendance::int + f.low_scores::int + f.many_incidents::int >= 2) AS multiple_indicators_count,
           count(*) FILTER (WHERE f.low_attendance) AS low_attendance_count,
           count(*) FILTER (WHERE f.low_scores) AS low_scores_count,
           count(*) FILTER (WHERE f.many_incidents) AS many_incidents_count
    FROM flagged f
    GROUP BY GROUPING SETS ((f.school_id, f.term), (f.term))
)
SELECT gs.scope, gs.school AS school_id, gs.term,
       gs.suppressed,
       gs.suppression_reason,
       CASE WHEN NOT gs.suppressed THEN g.student_count END AS student_count,
       CASE WHEN NOT gs.suppressed THEN g.at_risk_count END AS at_risk_count,
       CASE WHEN NOT gs.suppressed THEN round(g.at_risk_count::numeric / g.student_count, 4) END AS at_risk_rate,
       CASE WHEN NOT gs.suppressed THEN g.multiple_indicators_count END AS multiple_indicators_count,
       CASE WHEN NOT gs.suppressed THEN g.low_attendance_count END AS low_attendance_count,
       CASE WHEN NOT gs.suppressed THEN g.low_scores_count END AS low_scores_count,
       CASE WHEN NOT gs.suppressed THEN g.many_incidents_count END AS many_incidents_count
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON (gs.scope, gs.term) = (g.scope, g.term) AND gs.school_id IS NOT DISTINCT FROM g.school_id;

GRANT SELECT ON reporting.students_at_risk TO student_metrics_reporting;

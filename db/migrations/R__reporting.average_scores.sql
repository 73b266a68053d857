-- requires: reporting_internal.student_terms, reporting_internal.group_suppression, reporting_internal.suppression_reason
--
-- Average score per subject; student_count is the students with a score in that subject (each average's own base).
-- Columns follow the conventions in R__reporting_internal.group_suppression.sql.

CREATE VIEW reporting.average_scores AS
WITH grouped AS (
    SELECT v.subject,
           CASE GROUPING(t.school_id, t.grade_level) WHEN 1 THEN 'school' WHEN 2 THEN 'grade' ELSE 'district' END AS scope,
           t.school_id, t.grade_level, t.term,
           count(*) AS student_count,
           avg(v.score) AS average_score
    FROM reporting_internal.student_terms t
    CROSS JOIN LATERAL (VALUES ('math', t.math_score), ('reading', t.reading_score), ('science', t.science_score)) AS v(subject, score)
    WHERE v.score IS NOT NULL
    GROUP BY v.subject, GROUPING SETS ((t.school_id, t.term), (t.grade_level, t.term), (t.term))
)
SELECT gs.scope, g.subject, gs.school AS school_id, gs.grade_level, gs.grade, gs.term,
       x.reason IS NOT NULL AS suppressed,
       x.reason AS suppression_reason,
       CASE WHEN x.reason IS NULL THEN g.student_count END AS student_count,
       CASE WHEN x.reason IS NULL THEN round(g.average_score, 2) END AS average_score
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON (gs.scope, gs.term) = (g.scope, g.term) AND (gs.school_id, gs.grade_level) IS NOT DISTINCT FROM (g.school_id, g.grade_level)
CROSS JOIN LATERAL (SELECT reporting_internal.suppression_reason(gs.suppression_reason, g.student_count, gs.min_group_size) AS reason) x;

GRANT SELECT ON reporting.average_scores TO student_metrics_reporting;

-- requires: reporting_internal.student_terms, reporting_internal.group_suppression, reporting_internal.suppression_reason
--
-- Score distribution: every band appears for every group (zero counts included) so charts keep their shape.
-- Suppression follows the whole group (students with a score in the subject), not each band.
-- Columns follow the conventions in R__reporting_internal.group_suppression.sql.

CREATE VIEW reporting.score_bands AS
WITH bands (band_order, band, band_min, band_max) AS (
    VALUES (1, 'Below 60', 0::numeric, 60::numeric),
           (2, '60-69', 60, 70),
           (3, '70-79', 70, 80),
           (4, '80-89', 80, 90),
           (5, '90-100', 90, 100.01)
),
scored AS (
    SELECT t.school_id, t.term, v.subject, v.score
    FROM reporting_internal.student_terms t
    CROSS JOIN LATERAL (VALUES ('math', t.math_score), ('reading', t.reading_score), ('science', t.science_score)) AS v(subject, score)
    WHERE v.score IS NOT NULL
),
counted AS (
    SELECT CASE GROUPING(s.school_id) WHEN 0 THEN 'school' ELSE 'district' END AS scope,
           s.school_id, s.term, s.subject, b.band_order,
           count(*) AS band_count
    FROM scored s
    JOIN bands b ON s.score >= b.band_min AND s.score < b.band_max
    GROUP BY s.subject, b.band_order, GROUPING SETS ((s.school_id, s.term), (s.term))
),
groups AS (
    SELECT c.scope, c.school_id, c.term, c.subject, sum(c.band_count)::bigint AS group_count
    FROM counted c
    GROUP BY c.scope, c.school_id, c.term, c.subject
)
SELECT gs.scope, g.subject, gs.school AS school_id, gs.term, b.band_order, b.band,
       x.reason IS NOT NULL AS suppressed,
       x.reason AS suppression_reason,
       CASE WHEN x.reason IS NULL THEN g.group_count END AS group_student_count,
       CASE WHEN x.reason IS NULL THEN coalesce(c.band_count, 0) END AS student_count,
       CASE WHEN x.reason IS NULL THEN round(coalesce(c.band_count, 0)::numeric / g.group_count, 4) END AS share
FROM groups g
CROSS JOIN bands b
LEFT JOIN counted c
       ON c.scope = g.scope AND c.school_id IS NOT DISTINCT FROM g.school_id AND c.term = g.term
      AND c.subject = g.subject AND c.band_order = b.band_order
JOIN reporting_internal.group_suppression gs
  ON (gs.scope, gs.term) = (g.scope, g.term) AND gs.school_id IS NOT DISTINCT FROM g.school_id
CROSS JOIN LATERAL (SELECT reporting_internal.suppression_reason(gs.suppression_reason, g.group_count, gs.min_group_size) AS reason) x;

GRANT SELECT ON reporting.score_bands TO student_metrics_reporting;

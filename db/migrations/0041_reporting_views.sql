-- The views dashboards read (Tableau and the local dashboard). Conventions shared by every aggregate view:
--   scope         which rollup a row is: 'district' (all schools and grades), 'school' (all its grades) or 'grade'
--                 (all schools); rollup rows say 'All schools' / 'All grades' so filters in Tableau read naturally.
--                 Schools and grades are not crossed: see reporting_internal.group_suppression for why.
--   student_count the students behind the row's numbers (one row per student and term in core.student_metrics).
--   suppressed    true when the group is hidden (see reporting_internal.group_suppression), or when fewer than
--                 settings.min_group_size students are behind this particular number (e.g. few science scores;
--                 that second case gets no complementary suppression).
--                 A suppressed row is kept, so a dashboard can say "suppressed" instead of silently dropping a
--                 school, but every measure in it, the counts included, is NULL.
--   suppression_reason  'small_group' or 'complementary' (hidden so a small group cannot be derived), else NULL.
-- Rates are fractions (0..1, 4 places), scores on the feed's 0..100 scale (2 places).

-- Attendance rate = days present / days enrolled, over students whose days present are known.
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
SELECT g.scope,
       coalesce(g.school_id, 'All schools') AS school_id,
       g.grade_level,
       CASE g.grade_level WHEN -1 THEN 'PK' WHEN 0 THEN 'K' ELSE coalesce(g.grade_level::text, 'All grades') END AS grade,
       g.term,
       x.suppressed,
       x.suppression_reason,
       CASE WHEN NOT x.suppressed THEN g.student_count END AS student_count,
       CASE WHEN NOT x.suppressed THEN g.days_enrolled END AS days_enrolled,
       CASE WHEN NOT x.suppressed THEN g.days_present END AS days_present,
       CASE WHEN NOT x.suppressed THEN round(g.days_present::numeric / nullif(g.days_enrolled, 0), 4) END AS attendance_rate
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON gs.scope = g.scope AND gs.term = g.term
 AND gs.school_id IS NOT DISTINCT FROM g.school_id AND gs.grade_level IS NOT DISTINCT FROM g.grade_level
CROSS JOIN reporting.settings s
CROSS JOIN LATERAL (
    SELECT gs.suppressed OR g.student_count < s.min_group_size AS suppressed,
           coalesce(gs.suppression_reason, CASE WHEN g.student_count < s.min_group_size THEN 'small_group' END) AS suppression_reason
) x;

-- Chronic absence: students present on less than settings.chronic_absence_below (90%) of their enrolled days.
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
SELECT g.scope,
       coalesce(g.school_id, 'All schools') AS school_id,
       g.term,
       x.suppressed,
       x.suppression_reason,
       CASE WHEN NOT x.suppressed THEN g.student_count END AS student_count,
       CASE WHEN NOT x.suppressed THEN g.chronically_absent_count END AS chronically_absent_count,
       CASE WHEN NOT x.suppressed THEN round(g.chronically_absent_count::numeric / g.student_count, 4) END AS chronic_absence_rate
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON gs.scope = g.scope AND gs.term = g.term AND gs.school_id IS NOT DISTINCT FROM g.school_id
CROSS JOIN reporting.settings s
CROSS JOIN LATERAL (
    SELECT gs.suppressed OR g.student_count < s.min_group_size AS suppressed,
           coalesce(gs.suppression_reason, CASE WHEN g.student_count < s.min_group_size THEN 'small_group' END) AS suppression_reason
) x;

-- Average score per subject; student_count is the students with a score in that subject (each average's own base).
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
SELECT g.scope,
       g.subject,
       coalesce(g.school_id, 'All schools') AS school_id,
       g.grade_level,
       CASE g.grade_level WHEN -1 THEN 'PK' WHEN 0 THEN 'K' ELSE coalesce(g.grade_level::text, 'All grades') END AS grade,
       g.term,
       x.suppressed,
       x.suppression_reason,
       CASE WHEN NOT x.suppressed THEN g.student_count END AS student_count,
       CASE WHEN NOT x.suppressed THEN round(g.average_score, 2) END AS average_score
FROM grouped g
JOIN reporting_internal.group_suppression gs
  ON gs.scope = g.scope AND gs.term = g.term
 AND gs.school_id IS NOT DISTINCT FROM g.school_id AND gs.grade_level IS NOT DISTINCT FROM g.grade_level
CROSS JOIN reporting.settings s
CROSS JOIN LATERAL (
    SELECT gs.suppressed OR g.student_count < s.min_group_size AS suppressed,
           coalesce(gs.suppression_reason, CASE WHEN g.student_count < s.min_group_size THEN 'small_group' END) AS suppression_reason
) x;

-- Score distribution: every band appears for every group (zero counts included) so charts keep their shape.
-- Suppression follows the whole group (students with a score in the subject), not each band.
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
SELECT g.scope,
       g.subject,
       coalesce(g.school_id, 'All schools') AS school_id,
       g.term,
       b.band_order,
       b.band,
       x.suppressed,
       x.suppression_reason,
       CASE WHEN NOT x.suppressed THEN g.group_count END AS group_student_count,
       CASE WHEN NOT x.suppressed THEN coalesce(c.band_count, 0) END AS student_count,
       CASE WHEN NOT x.suppressed THEN round(coalesce(c.band_count, 0)::numeric / g.group_count, 4) END AS share
FROM groups g
CROSS JOIN bands b
LEFT JOIN counted c
       ON c.scope = g.scope AND c.school_id IS NOT DISTINCT FROM g.school_id AND c.term = g.term
      AND c.subject = g.subject AND c.band_order = b.band_order
JOIN reporting_internal.group_suppression gs
  ON gs.scope = g.scope AND gs.term = g.term AND gs.school_id IS NOT DISTINCT FROM g.school_id
CROSS JOIN reporting.settings s
CROSS JOIN LATERAL (
    SELECT gs.suppressed OR g.group_count < s.min_group_size AS suppressed,
           coalesce(gs.suppression_reason, CASE WHEN g.group_count < s.min_group_size THEN 'small_group' END) AS suppression_reason
) x;

-- Students at risk, from the three early-warning indicators (attendance, behaviour, course performance):
--   low attendance  chronically absent (present < settings.chronic_absence_below of enrolled days)
--   low scores      any subject score below settings.at_risk_score_below (60)
--   many incidents  behaviour incidents >= settings.at_risk_incidents_at_least (3) in the term
-- A student is at risk with at least one indicator; a missing value never raises an indicator.
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
SELECT g.scope,
       coalesce(g.school_id, 'All schools') AS school_id,
       g.term,
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
  ON gs.scope = g.scope AND gs.term = g.term AND gs.school_id IS NOT DISTINCT FROM g.school_id;

-- Data freshness: per school, when its data last arrived (lineage on the stored rows) and what the ledger says
-- about that load. Operational, not about students, so nothing here is suppressed.
CREATE VIEW reporting.data_freshness AS
WITH per_school AS (
    SELECT m.school_id,
           max(m.loaded_at) AS last_loaded_at,
           max(m.recorded_on) AS latest_recorded_on,
           max(m.term) AS latest_term,
           count(DISTINCT m.source_key) AS source_files
    FROM core.student_metrics m
    GROUP BY m.school_id
),
latest_source AS (
    SELECT DISTINCT ON (m.school_id) m.school_id, m.source_key, m.source_sha256
    FROM core.student_metrics m
    ORDER BY m.school_id, m.loaded_at DESC, m.source_key DESC
)
SELECT p.school_id,
       p.last_loaded_at,
       p.latest_recorded_on,
       p.latest_term,
       p.source_files,
       l.source_key AS latest_source_key,
       l.source_sha256 AS latest_source_sha256,
       led.status AS ledger_status,
       led.finished_at AS ledger_finished_at,
       (extract(epoch FROM now() - p.last_loaded_at) / 86400)::integer AS days_since_load,
       p.last_loaded_at < now() - make_interval(days => s.stale_after_days) AS stale
FROM per_school p
JOIN latest_source l ON l.school_id = p.school_id
CROSS JOIN reporting.settings s
LEFT JOIN LATERAL (
    SELECT e.status, e.finished_at
    FROM core.ingestion_ledger e
    WHERE e.source_sha256 = l.source_sha256
    ORDER BY e.started_at DESC
    LIMIT 1
) led ON true;

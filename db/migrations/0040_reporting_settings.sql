-- Settings the reporting views read, as one row an administrator can change with UPDATE (no redeploy):
--   min_group_size              groups with fewer students than this are suppressed in every aggregate view
--                               (student privacy rules: no individual may be identifiable from a published number)
--   chronic_absence_below       a student present on less than this share of enrolled days is chronically absent
--   at_risk_score_below         a subject score below this counts as failing the subject (early-warning "course" indicator)
--   at_risk_incidents_at_least  this many behaviour incidents in a term is the early-warning "behaviour" indicator
--   stale_after_days            a school whose latest load is older than this is flagged in reporting.data_freshness
CREATE TABLE reporting.settings (
    singleton                   boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
    min_group_size              integer      NOT NULL DEFAULT 10 CHECK (min_group_size >= 1),
    chronic_absence_below       numeric(4,3) NOT NULL DEFAULT 0.900 CHECK (chronic_absence_below > 0 AND chronic_absence_below <= 1),
    at_risk_score_below         numeric(5,2) NOT NULL DEFAULT 60 CHECK (at_risk_score_below > 0 AND at_risk_score_below <= 100),
    at_risk_incidents_at_least  integer      NOT NULL DEFAULT 3 CHECK (at_risk_incidents_at_least >= 1),
    stale_after_days            integer      NOT NULL DEFAULT 35 CHECK (stale_after_days >= 1)
);

INSERT INTO reporting.settings DEFAULT VALUES;

-- Student-level facts stay out of the schema the reporting role can read: the published views aggregate these.
CREATE SCHEMA IF NOT EXISTS reporting_internal;

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

-- Which groups may be published. Every aggregate view reads its decision from here, so a school is shown or
-- hidden consistently everywhere. The published groups of a term are the district, each school and each grade;
-- student_count is every student of the group in the term.
--   small_group    fewer than settings.min_group_size students (primary suppression)
--   complementary  when the small schools (or grades) of a term are one alone, or together still fewer than
--                  min_group_size students, the smallest other one is hidden too: otherwise subtracting the shown
--                  ones from the district total would reveal the small ones' figures.
-- Schools and grades are published as two separate breakdowns of the district, never crossed (no school x grade
-- cells): crossed cells add up along rows and columns, which would let hidden cells be derived again.
-- Known limit: someone who knows which grades each school serves can still combine the two breakdowns (a grade
-- taught at one school only equals that school's share). See dashboards/README.md.
CREATE VIEW reporting_internal.group_suppression AS
WITH groups AS (
    SELECT CASE GROUPING(t.school_id, t.grade_level) WHEN 1 THEN 'school' WHEN 2 THEN 'grade' ELSE 'district' END AS scope,
           t.school_id, t.grade_level, t.term,
           count(*) AS student_count
    FROM reporting_internal.student_terms t
    GROUP BY GROUPING SETS ((t.school_id, t.term), (t.grade_level, t.term), (t.term))
),
flagged AS (
    SELECT g.*, g.student_count < s.min_group_size AS small, s.min_group_size
    FROM groups g
    CROSS JOIN reporting.settings s
),
ranked AS (
    SELECT f.*,
           count(*) FILTER (WHERE f.small) OVER (PARTITION BY f.scope, f.term) AS small_siblings,
           coalesce(sum(f.student_count) FILTER (WHERE f.small) OVER (PARTITION BY f.scope, f.term), 0) AS small_students,
           row_number() OVER (PARTITION BY f.scope, f.term, f.small ORDER BY f.student_count, f.school_id, f.grade_level) AS size_rank
    FROM flagged f
),
decided AS (
    SELECT r.*,
           r.scope <> 'district' AND NOT r.small AND r.size_rank = 1
           AND (r.small_siblings = 1 OR (r.small_siblings > 1 AND r.small_students < r.min_group_size)) AS complementary
    FROM ranked r
)
SELECT d.scope, d.school_id, d.grade_level, d.term, d.student_count,
       d.small OR d.complementary AS suppressed,
       CASE WHEN d.small THEN 'small_group' WHEN d.complementary THEN 'complementary' END AS suppression_reason
FROM decided d;

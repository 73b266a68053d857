-- requires: reporting_internal.student_terms
--
-- Conventions shared by every aggregate view of the reporting schema (Tableau and the local dashboard read them):
--   scope         which rollup a row is: 'district' (all schools and grades), 'school' (all its grades) or 'grade'
--                 (all schools); rollup rows say 'All schools' / 'All grades' so filters in Tableau read naturally.
--                 Schools and grades are not crossed: see below for why.
--   student_count the students behind the row's numbers (one row per student and term in core.student_metrics).
--   suppressed    true when the group is hidden (decided here), or when fewer than settings.min_group_size students
--                 are behind this particular number (reporting_internal.suppression_reason).
--                 A suppressed row is kept, so a dashboard can say "suppressed" instead of silently dropping a
--                 school, but every measure in it, the counts included, is NULL.
--   suppression_reason  'small_group' or 'complementary' (hidden so a small group cannot be derived), else NULL.
-- Rates are fractions (0..1, 4 places), scores on the feed's 0..100 scale (2 places).
--
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
-- Also passed on to the views: min_group_size, for their own check of each number (reporting_internal.suppression_reason),
-- and the labels they publish for the group, school ('All schools' on rollups) and grade ('PK', 'K', '1'..'12', 'All grades').

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
       CASE WHEN d.small THEN 'small_group' WHEN d.complementary THEN 'complementary' END AS suppression_reason,
       d.min_group_size,
       coalesce(d.school_id, 'All schools') AS school,
       CASE d.grade_level WHEN -1 THEN 'PK' WHEN 0 THEN 'K' ELSE coalesce(d.grade_level::text, 'All grades') END AS grade
FROM decided d;

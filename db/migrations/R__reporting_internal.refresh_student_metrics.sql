-- The refresh of the student_metrics reporting snapshot, run after every successful load (the local loader in the
-- merge's transaction, the Glue job right after its merges) and after every settings change.
--
-- Refreshes the student_metrics snapshot:
--  1. aggregates the stored rows per school x grade x term cell and per source file;
--  2. releases a cell (its aggregates become the published state) when none or at least min_group_size of its
--     students changed since its last release, when its term was never published, or when p_release_all (a
--     settings change, or an administrator's logged release); otherwise holds it at its released state;
--  3. decides disclosure on the released cells, and rebuilds the margins, the term dimension, each school's last
--     load (reporting_internal.school_loads) and the status.
-- p_complementary = false exists for the auditor's negative test only.
CREATE FUNCTION reporting_internal.refresh_student_metrics(p_complementary boolean DEFAULT true, p_release_all boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $fn$
DECLARE
    s        reporting.settings;
    k        integer;
    started  timestamptz := clock_timestamp();
    stored   bigint;
BEGIN
    -- One refresh at a time, on a table lock only the owner can take (reporting_internal is closed to every other
    -- role): an advisory lock can be taken by any role that connects, and a reporting session holding it would stop
    -- every load at its refresh (0044 moved the merge off one for that reason). EXCLUSIVE lets readers through.
    LOCK TABLE reporting_internal.cells IN EXCLUSIVE MODE;
    SELECT * INTO STRICT s FROM reporting.settings;
    k := s.min_group_size;

    IF to_regclass('pg_temp.refresh_sources') IS NOT NULL THEN
        DROP TABLE refresh_sources;
    END IF;
    CREATE TEMP TABLE refresh_sources ON COMMIT DROP AS
    SELECT m.term, m.school_id, m.grade_level, m.source_sha256,
           count(*) AS students,
           count(*) FILTER (WHERE x.attending) AS attendance_students,
           coalesce(sum(m.days_enrolled) FILTER (WHERE x.attending), 0) AS days_enrolled,
           coalesce(sum(m.days_present) FILTER (WHERE x.attending), 0) AS days_present,
           count(*) FILTER (WHERE x.chronic) AS chronically_absent,
           count(m.math_score) AS math_students, coalesce(sum(m.math_score), 0) AS math_sum,
           count(*) FILTER (WHERE m.math_score < 60) AS math_band_1,
           count(*) FILTER (WHERE m.math_score >= 60 AND m.math_score < 70) AS math_band_2,
           count(*) FILTER (WHERE m.math_score >= 70 AND m.math_score < 80) AS math_band_3,
           count(*) FILTER (WHERE m.math_score >= 80 AND m.math_score < 90) AS math_band_4,
           count(*) FILTER (WHERE m.math_score >= 90) AS math_band_5,
           count(m.reading_score) AS reading_students, coalesce(sum(m.reading_score), 0) AS reading_sum,
           count(*) FILTER (WHERE m.reading_score < 60) AS reading_band_1,
           count(*) FILTER (WHERE m.reading_score >= 60 AND m.reading_score < 70) AS reading_band_2,
           count(*) FILTER (WHERE m.reading_score >= 70 AND m.reading_score < 80) AS reading_band_3,
           count(*) FILTER (WHERE m.reading_score >= 80 AND m.reading_score < 90) AS reading_band_4,
           count(*) FILTER (WHERE m.reading_score >= 90) AS reading_band_5,
           count(m.science_score) AS science_students, coalesce(sum(m.science_score), 0) AS science_sum,
           count(*) FILTER (WHERE m.science_score < 60) AS science_band_1,
           count(*) FILTER (WHERE m.science_score >= 60 AND m.science_score < 70) AS science_band_2,
           count(*) FILTER (WHERE m.science_score >= 70 AND m.science_score < 80) AS science_band_3,
           count(*) FILTER (WHERE m.science_score >= 80 AND m.science_score < 90) AS science_band_4,
           count(*) FILTER (WHERE m.science_score >= 90) AS science_band_5,
           count(*) FILTER (WHERE x.chronic OR x.low_scores OR x.many_incidents) AS at_risk,
           count(*) FILTER (WHERE x.chronic::int + x.low_scores::int + x.many_incidents::int >= 2) AS multiple_indicators,
           count(*) FILTER (WHERE x.low_scores) AS low_scores,
           count(*) FILTER (WHERE x.many_incidents) AS many_incidents,
           -- For reporting.data_freshness (reporting_internal.school_loads), in the same pass over the rows.
           max(m.loaded_at) AS last_loaded_at, max(m.recorded_on) AS latest_recorded_on, max(m.source_key) AS source_key
      FROM core.student_metrics m
     CROSS JOIN LATERAL (
        SELECT a.attending,
               a.attending AND (m.days_enrolled - m.days_present) >= s.chronic_absence_missed_at_least * m.days_enrolled AS chronic,
               coalesce(least(m.math_score, m.reading_score, m.science_score) < s.at_risk_score_below, false) AS low_scores,
               coalesce(m.behavior_incidents >= s.at_risk_incidents_at_least, false) AS many_incidents
          FROM (SELECT m.days_present IS NOT NULL AND m.days_enrolled >= s.min_enrolled_days AS attending) a
     ) x
     GROUP BY m.term, m.school_id, m.grade_level, m.source_sha256;
    SELECT coalesce(sum(students), 0) INTO stored FROM refresh_sources;

    -- Students that changed per cell: of its released rows, those still there unchanged are counted per file.
    IF to_regclass('pg_temp.refresh_cells') IS NOT NULL THEN
        DROP TABLE refresh_cells;
    END IF;
    CREATE TEMP TABLE refresh_cells ON COMMIT DROP AS
    WITH now_cells AS (
        SELECT term, school_id, grade_level, sum(students) AS students FROM refresh_sources GROUP BY 1, 2, 3
    ),
    kept AS (
        SELECT r.term, r.school_id, r.grade_level, sum(least(r.students, p.students)) AS students
          FROM refresh_sources r
          JOIN reporting_internal.cell_sources p USING (term, school_id, grade_level, source_sha256)
         GROUP BY 1, 2, 3
    )
    SELECT coalesce(n.term, c.term) AS term, coalesce(n.school_id, c.school_id) AS school_id,
           coalesce(n.grade_level, c.grade_level) AS grade_level,
           (coalesce(n.students, 0) - coalesce(k2.students, 0)) + (coalesce(c.students, 0) - coalesce(k2.students, 0)) AS changes,
           c.term IS NOT NULL AS was_released,
           EXISTS (SELECT 1 FROM reporting_internal.cells t WHERE t.term = coalesce(n.term, c.term)) AS term_published
      FROM now_cells n
      FULL JOIN reporting_internal.cells c USING (term, school_id, grade_level)
      LEFT JOIN kept k2 ON k2.term = coalesce(n.term, c.term) AND k2.school_id = coalesce(n.school_id, c.school_id)
                       AND k2.grade_level = coalesce(n.grade_level, c.grade_level);
    ALTER TABLE refresh_cells ADD COLUMN release boolean;
    UPDATE refresh_cells SET release = p_release_all OR (changes > 0 AND (changes >= k OR NOT term_published));

    DELETE FROM reporting_internal.cells c USING refresh_cells r
     WHERE r.release AND (c.term, c.school_id, c.grade_level) = (r.term, r.school_id, r.grade_level);
    DELETE FROM reporting_internal.cell_sources c USING refresh_cells r
     WHERE r.release AND (c.term, c.school_id, c.grade_level) = (r.term, r.school_id, r.grade_level);
    INSERT INTO reporting_internal.cells
    SELECT f.term, f.school_id, f.grade_level, now(), 0,
           sum(students), sum(attendance_students), sum(f.days_enrolled), sum(f.days_present), sum(chronically_absent),
           sum(math_students), sum(math_sum), sum(math_band_1), sum(math_band_2), sum(math_band_3), sum(math_band_4), sum(math_band_5),
           sum(reading_students), sum(reading_sum), sum(reading_band_1), sum(reading_band_2), sum(reading_band_3), sum(reading_band_4), sum(reading_band_5),
           sum(science_students), sum(science_sum), sum(science_band_1), sum(science_band_2), sum(science_band_3), sum(science_band_4), sum(science_band_5),
           sum(at_risk), sum(multiple_indicators), sum(f.low_scores), sum(f.many_incidents)
      FROM refresh_sources f
      JOIN refresh_cells r USING (term, school_id, grade_level)
     WHERE r.release
     GROUP BY f.term, f.school_id, f.grade_level;
    INSERT INTO reporting_internal.cell_sources
    SELECT f.term, f.school_id, f.grade_level, f.source_sha256, f.students
      FROM refresh_sources f
      JOIN refresh_cells r USING (term, school_id, grade_level)
     WHERE r.release;
    UPDATE reporting_internal.cells c SET pending_changes = CASE WHEN r.release THEN 0 ELSE r.changes END
      FROM refresh_cells r
     WHERE (c.term, c.school_id, c.grade_level) = (r.term, r.school_id, r.grade_level)
       AND c.pending_changes IS DISTINCT FROM CASE WHEN r.release THEN 0 ELSE r.changes END;

    PERFORM reporting_internal.student_metrics_disclosure_cells();
    PERFORM reporting_internal.decide_disclosure('student_metrics', k, p_complementary);

    DELETE FROM reporting_internal.group_values;
    INSERT INTO reporting_internal.group_values
    WITH margins AS (
        SELECT c.term,
               c.school_id, c.grade_level,
               sum(students), sum(attendance_students), sum(days_enrolled), sum(days_present), sum(chronically_absent),
               sum(math_students), sum(math_sum), sum(math_band_1), sum(math_band_2), sum(math_band_3), sum(math_band_4), sum(math_band_5),
               sum(reading_students), sum(reading_sum), sum(reading_band_1), sum(reading_band_2), sum(reading_band_3), sum(reading_band_4), sum(reading_band_5),
               sum(science_students), sum(science_sum), sum(science_band_1), sum(science_band_2), sum(science_band_3), sum(science_band_4), sum(science_band_5),
               sum(at_risk), sum(multiple_indicators), sum(low_scores), sum(many_incidents),
               CASE GROUPING(c.school_id, c.grade_level) WHEN 1 THEN 'school' WHEN 2 THEN 'grade' ELSE 'district' END AS scope,
               CASE GROUPING(c.school_id, c.grade_level) WHEN 1 THEN 'school:' || c.school_id WHEN 2 THEN 'grade:' || c.grade_level ELSE 'district' END AS group_key
          FROM reporting_internal.cells c
         GROUP BY c.term, GROUPING SETS ((c.school_id), (c.grade_level), ())
    ),
    decided AS (
        SELECT d.term,
               CASE d.scope WHEN 'total' THEN 'district' WHEN 'row' THEN 'school:' || d.row_key ELSE 'grade:' || d.col_key END AS group_key,
               jsonb_object_agg(d.measure, jsonb_build_object('status', d.status, 'reason', d.reason, 'op', d.code_op, 'bound', d.code_bound)) AS decisions
          FROM reporting_internal.disclosure_decisions d
         WHERE d.feed = 'student_metrics'
         GROUP BY 1, 2
    )
    SELECT m.*, coalesce(d.decisions, '{}')
      FROM margins m
      LEFT JOIN decided d USING (term, group_key);

    -- Freshness per school as of this refresh: operational (when files arrived), so from every stored row, held or not.
    DELETE FROM reporting_internal.school_loads;
    INSERT INTO reporting_internal.school_loads (school_id, last_loaded_at, latest_recorded_on, source_files, latest_source_key, latest_source_sha256)
    SELECT f.school_id, max(f.last_loaded_at), max(f.latest_recorded_on), count(DISTINCT f.source_key),
           (array_agg(f.source_key ORDER BY f.last_loaded_at DESC, f.source_key DESC))[1],
           (array_agg(f.source_sha256 ORDER BY f.last_loaded_at DESC, f.source_key DESC))[1]
      FROM refresh_sources f
     GROUP BY f.school_id;

    DELETE FROM reporting.terms;
    INSERT INTO reporting.terms
    SELECT t.term, a.school_year, a.school_year_start, a.period, a.period_type, a.period_number, a.starts_on, a.ends_on,
           row_number() OVER (ORDER BY a.ends_on, a.starts_on DESC, t.term),
           row_number() OVER (ORDER BY a.ends_on DESC, a.starts_on, t.term DESC) = 1
      FROM (SELECT DISTINCT term FROM reporting_internal.cells) t
     CROSS JOIN LATERAL reporting_internal.term_attributes(t.term) a;

    -- The snapshot's tables changed wholesale: fresh statistics let the views join them by hash, not row by row.
    ANALYZE reporting_internal.group_values, reporting.terms, reporting_internal.school_loads;

    INSERT INTO reporting.refresh_status (refreshed_at, stored_rows, min_group_size, held_cells, refresh_ms)
    SELECT now(), stored, k, (SELECT count(*) FROM reporting_internal.cells WHERE pending_changes > 0),
           (extract(epoch FROM clock_timestamp() - started) * 1000)::integer
    ON CONFLICT (singleton) DO UPDATE
       SET refreshed_at = EXCLUDED.refreshed_at, stored_rows = EXCLUDED.stored_rows, min_group_size = EXCLUDED.min_group_size,
           held_cells = EXCLUDED.held_cells, refresh_ms = EXCLUDED.refresh_ms;
END
$fn$;

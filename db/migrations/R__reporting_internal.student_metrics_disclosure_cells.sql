-- The student_metrics cells of the released state, as the generic component's input (one row per measure, part,
-- term and school x grade cell). Score means are ratios of the score sum to 100 x the students with a score.
CREATE FUNCTION reporting_internal.student_metrics_disclosure_cells()
RETURNS void
LANGUAGE sql
AS $fn$
    DELETE FROM reporting_internal.disclosure_cells WHERE feed = 'student_metrics';
    INSERT INTO reporting_internal.disclosure_cells (feed, measure, part, kind, base_measure, term, row_key, col_key, n, c, num, den)
    SELECT 'student_metrics', v.measure, v.part, v.kind, v.base_measure, c.term, c.school_id, c.grade_level::text, v.n, v.c, v.num, v.den
      FROM reporting_internal.cells c
     CROSS JOIN LATERAL (VALUES
        ('enrolled',            1::smallint, 'base',      NULL,         c.students,            NULL::bigint,          NULL::numeric,  NULL::numeric),
        ('attendance',          1, 'base',      NULL,         c.attendance_students, NULL,                  NULL,           NULL),
        ('math',                1, 'base',      NULL,         c.math_students,       NULL,                  NULL,           NULL),
        ('reading',             1, 'base',      NULL,         c.reading_students,    NULL,                  NULL,           NULL),
        ('science',             1, 'base',      NULL,         c.science_students,    NULL,                  NULL,           NULL),
        ('attendance_rate',     1, 'ratio',     'attendance', c.attendance_students, NULL,                  c.days_present, c.days_enrolled),
        ('math_average',        1, 'ratio',     'math',       c.math_students,       NULL,                  c.math_sum,     100.0 * c.math_students),
        ('reading_average',     1, 'ratio',     'reading',    c.reading_students,    NULL,                  c.reading_sum,  100.0 * c.reading_students),
        ('science_average',     1, 'ratio',     'science',    c.science_students,    NULL,                  c.science_sum,  100.0 * c.science_students),
        ('chronic_absence',     1, 'indicator', 'attendance', c.attendance_students, c.chronically_absent,  NULL,           NULL),
        ('at_risk',             1, 'indicator', 'enrolled',   c.students,            c.at_risk,             NULL,           NULL),
        ('multiple_indicators', 1, 'indicator', 'enrolled',   c.students,            c.multiple_indicators, NULL,           NULL),
        ('low_scores',          1, 'indicator', 'enrolled',   c.students,            c.low_scores,          NULL,           NULL),
        ('many_incidents',      1, 'indicator', 'enrolled',   c.students,            c.many_incidents,      NULL,           NULL),
        ('math_bands',          1, 'indicator', 'math',       c.math_students,       c.math_band_1,         NULL,           NULL),
        ('math_bands',          2, 'indicator', 'math',       c.math_students,       c.math_band_2,         NULL,           NULL),
        ('math_bands',          3, 'indicator', 'math',       c.math_students,       c.math_band_3,         NULL,           NULL),
        ('math_bands',          4, 'indicator', 'math',       c.math_students,       c.math_band_4,         NULL,           NULL),
        ('math_bands',          5, 'indicator', 'math',       c.math_students,       c.math_band_5,         NULL,           NULL),
        ('reading_bands',       1, 'indicator', 'reading',    c.reading_students,    c.reading_band_1,      NULL,           NULL),
        ('reading_bands',       2, 'indicator', 'reading',    c.reading_students,    c.reading_band_2,      NULL,           NULL),
        ('reading_bands',       3, 'indicator', 'reading',    c.reading_students,    c.reading_band_3,      NULL,           NULL),
        ('reading_bands',       4, 'indicator', 'reading',    c.reading_students,    c.reading_band_4,      NULL,           NULL),
        ('reading_bands',       5, 'indicator', 'reading',    c.reading_students,    c.reading_band_5,      NULL,           NULL),
        ('science_bands',       1, 'indicator', 'science',    c.science_students,    c.science_band_1,      NULL,           NULL),
        ('science_bands',       2, 'indicator', 'science',    c.science_students,    c.science_band_2,      NULL,           NULL),
        ('science_bands',       3, 'indicator', 'science',    c.science_students,    c.science_band_3,      NULL,           NULL),
        ('science_bands',       4, 'indicator', 'science',    c.science_students,    c.science_band_4,      NULL,           NULL),
        ('science_bands',       5, 'indicator', 'science',    c.science_students,    c.science_band_5,      NULL,           NULL)
     ) AS v(measure, part, kind, base_measure, n, c, num, den)
     WHERE v.n > 0;
$fn$;

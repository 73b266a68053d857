-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision
--
-- Score distribution: the share of a group's scored students in each band. A group's bands are shown or hidden
-- together (they add up to its students, so one hidden band alone could be derived).
CREATE VIEW reporting.score_bands AS
SELECT m.scope, v.subject, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       bands.band_order, bands.band,
       d.status <> 'shown' AS suppressed,
       CASE WHEN d.status <> 'shown' THEN d.reason END AS suppression_reason,
       CASE WHEN b.status = 'shown' THEN v.students END AS group_student_count,
       CASE WHEN d.status = 'shown' THEN v.counts[bands.band_order] END AS student_count,
       CASE WHEN d.status = 'shown' THEN round(v.counts[bands.band_order]::numeric / v.students, 4) END AS share
  FROM reporting_internal.student_metrics_margins m
 CROSS JOIN LATERAL (VALUES
        ('math', m.math_students, ARRAY[m.math_band_1, m.math_band_2, m.math_band_3, m.math_band_4, m.math_band_5]),
        ('reading', m.reading_students, ARRAY[m.reading_band_1, m.reading_band_2, m.reading_band_3, m.reading_band_4, m.reading_band_5]),
        ('science', m.science_students, ARRAY[m.science_band_1, m.science_band_2, m.science_band_3, m.science_band_4, m.science_band_5])
     ) AS v(subject, students, counts)
 CROSS JOIN (VALUES (1, 'Below 60'), (2, '60-69'), (3, '70-79'), (4, '80-89'), (5, '90-100')) AS bands(band_order, band)
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, v.subject) b
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, v.subject || '_bands') d
 WHERE v.students > 0 AND b.status IS NOT NULL;

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.score_bands.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.subject IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.band_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.band IS 'disclosure: key';
COMMENT ON COLUMN reporting.score_bands.suppressed IS 'disclosure: status {subject}_bands';
COMMENT ON COLUMN reporting.score_bands.suppression_reason IS 'disclosure: status {subject}_bands';
COMMENT ON COLUMN reporting.score_bands.group_student_count IS 'disclosure: count {subject}';
COMMENT ON COLUMN reporting.score_bands.student_count IS 'disclosure: count {subject}_bands:{band_order}';
COMMENT ON COLUMN reporting.score_bands.share IS 'disclosure: share {subject}_bands:{band_order}';

GRANT SELECT ON reporting.score_bands TO student_metrics_reporting;

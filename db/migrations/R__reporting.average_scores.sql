-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision, reporting_internal.coded_text
--
-- Average score per subject; student_count is the students with a score in that subject (the average's base).
CREATE VIEW reporting.average_scores AS
SELECT m.scope, v.subject, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       b.status <> 'shown' AS suppressed,
       CASE WHEN b.status <> 'shown' THEN b.reason END AS suppression_reason,
       CASE WHEN b.status = 'shown' THEN v.students END AS student_count,
       CASE WHEN a.status = 'shown' THEN round(v.total / v.students, 2) END AS average_score,
       reporting_internal.coded_text(a.code_op, a.code_bound, false) AS average_score_coded
  FROM reporting_internal.student_metrics_margins m
 CROSS JOIN LATERAL (VALUES ('math', m.math_students, m.math_sum), ('reading', m.reading_students, m.reading_sum),
                            ('science', m.science_students, m.science_sum)) AS v(subject, students, total)
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, v.subject) b
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, v.subject || '_average') a
 WHERE b.status IS NOT NULL;

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.average_scores.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.subject IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.average_scores.suppressed IS 'disclosure: status {subject}';
COMMENT ON COLUMN reporting.average_scores.suppression_reason IS 'disclosure: status {subject}';
COMMENT ON COLUMN reporting.average_scores.student_count IS 'disclosure: count {subject}';
COMMENT ON COLUMN reporting.average_scores.average_score IS 'disclosure: ratio {subject}_average';
COMMENT ON COLUMN reporting.average_scores.average_score_coded IS 'disclosure: code {subject}_average';

GRANT SELECT ON reporting.average_scores TO student_metrics_reporting;

-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision, reporting_internal.coded_text
--
-- Chronic absence: students who missed settings.chronic_absence_missed_at_least (10%) or more of their enrolled days,
-- among the students of reporting.attendance_rate.
CREATE VIEW reporting.chronic_absence AS
SELECT m.scope, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       c.status = 'suppressed' AS suppressed,
       CASE WHEN c.status = 'suppressed' THEN c.reason END AS suppression_reason,
       CASE WHEN b.status = 'shown' THEN m.attendance_students END AS student_count,
       CASE WHEN c.status = 'shown' THEN m.chronically_absent END AS chronically_absent_count,
       CASE WHEN c.status = 'shown' THEN round(m.chronically_absent::numeric / m.attendance_students, 4) END AS chronic_absence_rate,
       reporting_internal.coded_text(c.code_op, c.code_bound, true) AS chronic_absence_coded
  FROM reporting_internal.student_metrics_margins m
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'attendance') b
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'chronic_absence') c
 WHERE b.status IS NOT NULL;

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.chronic_absence.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.chronic_absence.suppressed IS 'disclosure: status chronic_absence';
COMMENT ON COLUMN reporting.chronic_absence.suppression_reason IS 'disclosure: status chronic_absence';
COMMENT ON COLUMN reporting.chronic_absence.student_count IS 'disclosure: count attendance';
COMMENT ON COLUMN reporting.chronic_absence.chronically_absent_count IS 'disclosure: count chronic_absence';
COMMENT ON COLUMN reporting.chronic_absence.chronic_absence_rate IS 'disclosure: share chronic_absence';
COMMENT ON COLUMN reporting.chronic_absence.chronic_absence_coded IS 'disclosure: code chronic_absence';

GRANT SELECT ON reporting.chronic_absence TO student_metrics_reporting;

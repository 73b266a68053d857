-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision, reporting_internal.coded_text
--
-- Attendance rate = days present / days enrolled, over students with days present reported and enrolled at least
-- settings.min_enrolled_days. The day sums are published only beside a shown rate (Tableau computes rates from them),
-- never for a hidden or coded group: the auditor already counts a shown rate as giving both sums away.
CREATE VIEW reporting.attendance_rate AS
SELECT m.scope, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       b.status <> 'shown' AS suppressed,
       CASE WHEN b.status <> 'shown' THEN b.reason END AS suppression_reason,
       CASE WHEN b.status = 'shown' THEN m.attendance_students END AS student_count,
       CASE WHEN r.status = 'shown' THEN m.days_enrolled END AS days_enrolled,
       CASE WHEN r.status = 'shown' THEN m.days_present END AS days_present,
       CASE WHEN r.status = 'shown' THEN round(m.days_present::numeric / m.days_enrolled, 4) END AS attendance_rate,
       reporting_internal.coded_text(r.code_op, r.code_bound, true) AS attendance_rate_coded
  FROM reporting_internal.student_metrics_margins m
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'attendance') b
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'attendance_rate') r
 WHERE b.status IS NOT NULL;

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.attendance_rate.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.attendance_rate.suppressed IS 'disclosure: status attendance';
COMMENT ON COLUMN reporting.attendance_rate.suppression_reason IS 'disclosure: status attendance';
COMMENT ON COLUMN reporting.attendance_rate.student_count IS 'disclosure: count attendance';
COMMENT ON COLUMN reporting.attendance_rate.days_enrolled IS 'disclosure: ratio attendance_rate';
COMMENT ON COLUMN reporting.attendance_rate.days_present IS 'disclosure: ratio attendance_rate';
COMMENT ON COLUMN reporting.attendance_rate.attendance_rate IS 'disclosure: ratio attendance_rate';
COMMENT ON COLUMN reporting.attendance_rate.attendance_rate_coded IS 'disclosure: code attendance_rate';

GRANT SELECT ON reporting.attendance_rate TO student_metrics_reporting;

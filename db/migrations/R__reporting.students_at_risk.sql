-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision, reporting_internal.coded_text
--
-- Students at risk, from the early-warning indicators (attendance, behaviour, course performance):
--   low attendance  chronically absent, exactly as in reporting.chronic_absence (the same decision, so neither view
--                   shows what the other hides)
--   low scores      any subject score below settings.at_risk_score_below
--   many incidents  behaviour incidents >= settings.at_risk_incidents_at_least in the term
-- A student is at risk with at least one indicator; a missing value never raises one. Each measure is decided on its
-- own: a group may show its at-risk share and code its many-incidents share.
CREATE VIEW reporting.students_at_risk AS
SELECT m.scope, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       e.status <> 'shown' AS suppressed,
       CASE WHEN e.status <> 'shown' THEN e.reason END AS suppression_reason,
       CASE WHEN e.status = 'shown' THEN m.students END AS student_count,
       CASE WHEN r.status = 'shown' THEN m.at_risk END AS at_risk_count,
       CASE WHEN r.status = 'shown' THEN round(m.at_risk::numeric / m.students, 4) END AS at_risk_rate,
       reporting_internal.coded_text(r.code_op, r.code_bound, true) AS at_risk_coded,
       CASE WHEN x.status = 'shown' THEN m.multiple_indicators END AS multiple_indicators_count,
       CASE WHEN x.status = 'shown' THEN round(m.multiple_indicators::numeric / m.students, 4) END AS multiple_indicators_rate,
       reporting_internal.coded_text(x.code_op, x.code_bound, true) AS multiple_indicators_coded,
       CASE WHEN c.status = 'shown' THEN m.chronically_absent END AS low_attendance_count,
       CASE WHEN c.status = 'shown' THEN round(m.chronically_absent::numeric / m.attendance_students, 4) END AS low_attendance_rate,
       reporting_internal.coded_text(c.code_op, c.code_bound, true) AS low_attendance_coded,
       CASE WHEN l.status = 'shown' THEN m.low_scores END AS low_scores_count,
       CASE WHEN l.status = 'shown' THEN round(m.low_scores::numeric / m.students, 4) END AS low_scores_rate,
       reporting_internal.coded_text(l.code_op, l.code_bound, true) AS low_scores_coded,
       CASE WHEN i.status = 'shown' THEN m.many_incidents END AS many_incidents_count,
       CASE WHEN i.status = 'shown' THEN round(m.many_incidents::numeric / m.students, 4) END AS many_incidents_rate,
       reporting_internal.coded_text(i.code_op, i.code_bound, true) AS many_incidents_coded
  FROM reporting_internal.student_metrics_margins m
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'enrolled') e
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'at_risk') r
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'multiple_indicators') x
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'low_scores') l
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'many_incidents') i
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, 'chronic_absence') c
 WHERE e.status IS NOT NULL;

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.students_at_risk.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.students_at_risk.suppressed IS 'disclosure: status enrolled';
COMMENT ON COLUMN reporting.students_at_risk.suppression_reason IS 'disclosure: status enrolled';
COMMENT ON COLUMN reporting.students_at_risk.student_count IS 'disclosure: count enrolled';
COMMENT ON COLUMN reporting.students_at_risk.at_risk_count IS 'disclosure: count at_risk';
COMMENT ON COLUMN reporting.students_at_risk.at_risk_rate IS 'disclosure: share at_risk';
COMMENT ON COLUMN reporting.students_at_risk.at_risk_coded IS 'disclosure: code at_risk';
COMMENT ON COLUMN reporting.students_at_risk.multiple_indicators_count IS 'disclosure: count multiple_indicators';
COMMENT ON COLUMN reporting.students_at_risk.multiple_indicators_rate IS 'disclosure: share multiple_indicators';
COMMENT ON COLUMN reporting.students_at_risk.multiple_indicators_coded IS 'disclosure: code multiple_indicators';
COMMENT ON COLUMN reporting.students_at_risk.low_attendance_count IS 'disclosure: count chronic_absence';
COMMENT ON COLUMN reporting.students_at_risk.low_attendance_rate IS 'disclosure: share chronic_absence';
COMMENT ON COLUMN reporting.students_at_risk.low_attendance_coded IS 'disclosure: code chronic_absence';
COMMENT ON COLUMN reporting.students_at_risk.low_scores_count IS 'disclosure: count low_scores';
COMMENT ON COLUMN reporting.students_at_risk.low_scores_rate IS 'disclosure: share low_scores';
COMMENT ON COLUMN reporting.students_at_risk.low_scores_coded IS 'disclosure: code low_scores';
COMMENT ON COLUMN reporting.students_at_risk.many_incidents_count IS 'disclosure: count many_incidents';
COMMENT ON COLUMN reporting.students_at_risk.many_incidents_rate IS 'disclosure: share many_incidents';
COMMENT ON COLUMN reporting.students_at_risk.many_incidents_coded IS 'disclosure: code many_incidents';

GRANT SELECT ON reporting.students_at_risk TO student_metrics_reporting;

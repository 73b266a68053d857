-- requires: reporting_internal.student_metrics_margins, reporting_internal.decision, reporting_internal.coded_text
--
-- Every value hidden or coded, with its reason: what the "Suppressed groups" sheet lists.
CREATE VIEW reporting.suppressed_values AS
SELECT m.scope, coalesce(m.school_id, 'All schools') AS school_id, m.grade_level, m.grade, m.term, m.term_order,
       e.measure, d.status, d.reason,
       reporting_internal.coded_text(d.code_op, d.code_bound, e.measure NOT LIKE '%\_average') AS coded_value
  FROM reporting_internal.student_metrics_margins m
  CROSS JOIN LATERAL jsonb_object_keys(m.decisions) AS e(measure)
 CROSS JOIN LATERAL reporting_internal.decision(m.decisions, e.measure) d
 WHERE d.status <> 'shown';

-- What each column publishes, for the auditor (db/README.md, "The auditor").
COMMENT ON COLUMN reporting.suppressed_values.scope IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.school_id IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.grade_level IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.grade IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.term IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.term_order IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.measure IS 'disclosure: key';
COMMENT ON COLUMN reporting.suppressed_values.status IS 'disclosure: status {measure}';
COMMENT ON COLUMN reporting.suppressed_values.reason IS 'disclosure: status {measure}';
COMMENT ON COLUMN reporting.suppressed_values.coded_value IS 'disclosure: code {measure}';

GRANT SELECT ON reporting.suppressed_values TO student_metrics_reporting;

-- The read-only reporting role (Tableau connects as it) sees the reporting views and settings, nothing else.
-- The views run with their owner's rights, so the role needs no access to core or reporting_internal.
GRANT USAGE ON SCHEMA reporting TO student_metrics_reporting;
GRANT SELECT ON reporting.settings,
                reporting.attendance_rate,
                reporting.chronic_absence,
                reporting.average_scores,
                reporting.score_bands,
                reporting.students_at_risk,
                reporting.data_freshness
   TO student_metrics_reporting;

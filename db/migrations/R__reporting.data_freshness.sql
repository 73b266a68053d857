-- Data freshness per school: the latest attempt of any file that held the school (loaded, failed, quarantined or
-- still loading), and the latest load whose rows are stored. Operational, not about students. Stored loads come from
-- the snapshot (reporting_internal.school_loads, written by the refresh), so they agree with the figures beside them
-- and no query scans core.student_metrics; attempts come from the ledger as they happen (a failed or quarantined
-- attempt refreshes nothing). Attempts of other feeds are not shown: reporting covers student_metrics only.
CREATE VIEW reporting.data_freshness AS
WITH attempts AS (
    SELECT DISTINCT ON (s.school_id) s.school_id, l.ledger_id, l.source_key, l.status, l.started_at, l.finished_at, l.error
      FROM core.ingestion_ledger_schools s
      JOIN core.ingestion_ledger l ON l.ledger_id = s.ledger_id
     WHERE l.feed = 'student_metrics'
     ORDER BY s.school_id, l.started_at DESC, l.ledger_id DESC
),
latest_term AS (
    SELECT DISTINCT ON (c.school_id) c.school_id, c.term
      FROM reporting_internal.cells c
      JOIN reporting.terms t ON t.term = c.term
     ORDER BY c.school_id, t.term_order DESC
)
SELECT coalesce(s.school_id, a.school_id) AS school_id,
       s.last_loaded_at,
       s.latest_recorded_on,
       lt.term AS latest_term,
       coalesce(s.source_files, 0) AS source_files,
       s.latest_source_key,
       s.latest_source_sha256,
       a.source_key AS latest_attempt_key,
       a.status AS latest_attempt_status,
       a.started_at AS latest_attempt_at,
       a.error AS latest_attempt_error,
       (extract(epoch FROM now() - s.last_loaded_at) / 86400)::integer AS days_since_load,
       s.last_loaded_at IS NULL OR s.last_loaded_at < now() - make_interval(days => st.stale_after_days) AS stale
  FROM reporting_internal.school_loads s
  FULL JOIN attempts a ON a.school_id = s.school_id
  LEFT JOIN latest_term lt ON lt.school_id = coalesce(s.school_id, a.school_id)
 CROSS JOIN reporting.settings st;

COMMENT ON VIEW reporting.data_freshness IS 'disclosure: none (operational: loads per school)';

GRANT SELECT ON reporting.data_freshness TO student_metrics_reporting;

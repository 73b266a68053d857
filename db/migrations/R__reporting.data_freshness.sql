-- Data freshness: per school, when its data last arrived (lineage on the stored rows) and what the ledger says
-- about that load. Operational, not about students, so nothing here is suppressed.

CREATE VIEW reporting.data_freshness AS
WITH per_school AS (
    SELECT m.school_id,
           max(m.loaded_at) AS last_loaded_at,
           max(m.recorded_on) AS latest_recorded_on,
           max(m.term) AS latest_term,
           count(DISTINCT m.source_key) AS source_files
    FROM core.student_metrics m
    GROUP BY m.school_id
),
latest_source AS (
    SELECT DISTINCT ON (m.school_id) m.school_id, m.source_key, m.source_sha256
    FROM core.student_metrics m
    ORDER BY m.school_id, m.loaded_at DESC, m.source_key DESC
)
SELECT p.school_id,
       p.last_loaded_at,
       p.latest_recorded_on,
       p.latest_term,
       p.source_files,
       l.source_key AS latest_source_key,
       l.source_sha256 AS latest_source_sha256,
       led.status AS ledger_status,
       led.finished_at AS ledger_finished_at,
       (extract(epoch FROM now() - p.last_loaded_at) / 86400)::integer AS days_since_load,
       p.last_loaded_at < now() - make_interval(days => s.stale_after_days) AS stale
FROM per_school p
JOIN latest_source l ON l.school_id = p.school_id
CROSS JOIN reporting.settings s
LEFT JOIN LATERAL (
    SELECT e.status, e.finished_at
    FROM core.ingestion_ledger e
    WHERE e.source_sha256 = l.source_sha256
    ORDER BY e.started_at DESC
    LIMIT 1
) led ON true;

GRANT SELECT ON reporting.data_freshness TO student_metrics_reporting;

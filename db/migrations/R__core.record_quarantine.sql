-- The ledger records every attempt at a file, quarantined ones included, and which schools the file held, so that
-- freshness per school can show the latest attempt whatever became of it. The local pipeline passes on
-- the school ids the cleaner's report lists.
--
-- A file the cleaner quarantined: nothing of it is loaded, but the attempt is on record with its reason.
-- p_feed is the feed the file was cleaned as (core.feeds); freshness shows student_metrics attempts only.
CREATE FUNCTION core.record_quarantine(p_source_key text, p_source_sha256 text, p_reason text, p_school_ids text[],
                                       p_feed text DEFAULT 'student_metrics')
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ledger_id bigint;
BEGIN
    INSERT INTO core.ingestion_ledger (source_key, source_sha256, feed, status, rows_in_file, finished_at, error)
    VALUES (p_source_key, lower(p_source_sha256), p_feed, 'quarantined', 0, clock_timestamp(), left(p_reason, 4000))
    RETURNING ledger_id INTO v_ledger_id;
    PERFORM core.record_attempt_schools(v_ledger_id, p_school_ids);
    RETURN v_ledger_id;
END
$fn$;

REVOKE ALL ON FUNCTION core.record_quarantine(text, text, text, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.record_quarantine(text, text, text, text[], text) TO student_metrics_loader;

-- Loading a cleaned file is three calls, which both the local loader and the Glue job make:
--
--   SELECT * FROM core.begin_load(key, sha256);                -- ledger row 'loading', committed on its own
--   ... COPY / INSERT the file's rows into core.student_metrics_staging with that key and sha256 ...
--   SELECT * FROM core.merge_staged(ledger_id, rows_written);  -- the spec's "Loading and idempotency", one transaction
--   SELECT core.fail_load(ledger_id, error);                   -- when anything above failed
--
-- The functions run as their owner (SECURITY DEFINER), so the loader role needs no right on core.student_metrics
-- or the ledger: it can only stage rows and ask for them to be merged. search_path is pinned so that a caller
-- cannot slip its own objects into the owner's queries.

CREATE FUNCTION core.begin_load(p_source_key text, p_source_sha256 text)
RETURNS TABLE (ledger_id bigint, already_loaded boolean)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ledger_id        bigint;
    v_abandoned_after  interval;
BEGIN
    IF p_source_key IS NULL OR length(p_source_key) = 0 THEN
        RAISE EXCEPTION 'begin_load: the source key is empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- An attempt still 'loading' long after any load could have finished was killed, or lost its connection, before
    -- it could say how it ended: the ledger says so now. An entry whose row a merge has locked is being worked on,
    -- whatever its age, so it is skipped (not waited for).
    SELECT s.load_abandoned_after INTO v_abandoned_after FROM core.settings s;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'begin_load: core.settings has no row; restore it with INSERT INTO core.settings DEFAULT VALUES'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE core.ingestion_ledger l
    SET status = 'failed',
        finished_at = clock_timestamp(),
        error = format('abandoned: still loading %s after it started (core.settings.load_abandoned_after is %s); '
                       'the load was killed or lost its connection before it could record its outcome',
                       date_trunc('second', clock_timestamp() - l.started_at), v_abandoned_after)
    WHERE l.ledger_id IN (SELECT e.ledger_id FROM core.ingestion_ledger e
                          WHERE e.status = 'loading' AND e.started_at < clock_timestamp() - v_abandoned_after
                          FOR UPDATE SKIP LOCKED);

    -- Committed rows staged under this file's identity belong to an attempt that failed after staging
    -- (a Glue run that died before its merge). They would be counted twice; merge_staged's row-count check
    -- would refuse them, so clear them now. Rows another session is staging right now are uncommitted and untouched.
    DELETE FROM core.student_metrics_staging s
    WHERE s.source_key = p_source_key AND s.source_sha256 = p_source_sha256;

    INSERT INTO core.ingestion_ledger (source_key, source_sha256, status)
    VALUES (p_source_key, p_source_sha256, 'loading')
    RETURNING core.ingestion_ledger.ledger_id INTO v_ledger_id;

    RETURN QUERY
    SELECT v_ledger_id,
           EXISTS (SELECT 1 FROM core.ingestion_ledger l WHERE l.source_sha256 = p_source_sha256 AND l.status = 'loaded');
END
$fn$;

COMMENT ON FUNCTION core.begin_load(text, text) IS
    'Opens a ledger entry (status loading) for one file; already_loaded tells the caller it may skip staging.';

REVOKE ALL ON FUNCTION core.begin_load(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.begin_load(text, text) TO student_metrics_loader;

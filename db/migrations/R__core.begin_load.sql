-- Loading a cleaned file is three calls, which both the local loader and the Glue job make:
--
--   SELECT * FROM core.begin_load(key, sha256, feed, version, uploaded_at, sequencer); -- ledger row 'loading', committed on its own
--   ... COPY / INSERT the file's rows into the feed's staging table (core.FEED_staging) with that key and sha256 ...
--   SELECT * FROM core.merge_staged(ledger_id, rows_written);  -- the spec's "Loading and idempotency", one transaction
--   SELECT core.fail_load(ledger_id, error);                   -- when anything above failed
--
-- The functions run as their owner (SECURITY DEFINER), so the loader role needs no right on core.student_metrics
-- or the ledger: it can only stage rows and ask for them to be merged. search_path is pinned so that a caller
-- cannot slip its own objects into the owner's queries.

-- The version of the raw key (S3's version id, its upload time, the event's sequencer, its ordinal) orders it among the key's
-- versions (core.version_order); a caller that knows none (a cleaned file loaded by hand) stands for an upload now.
-- already_loaded says there is nothing to stage: the content is already the key's current content, or a newer
-- version of the key is loaded. merge_staged still records the attempt's outcome.

CREATE FUNCTION core.begin_load(
    p_source_key text, p_source_sha256 text, p_feed text DEFAULT 'student_metrics', p_source_version text DEFAULT NULL,
    p_source_uploaded_at timestamptz DEFAULT NULL, p_source_sequencer text DEFAULT NULL, p_source_version_ordinal bigint DEFAULT NULL)
RETURNS TABLE (ledger_id bigint, already_loaded boolean)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ledger_id        bigint;
    v_abandoned_after  interval;
    v_stored_table     text;
    v_uploaded_at      timestamptz := coalesce(p_source_uploaded_at, clock_timestamp());
BEGIN
    IF p_source_key IS NULL OR length(p_source_key) = 0 THEN
        RAISE EXCEPTION 'begin_load: the source key is empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT f.stored_table INTO v_stored_table FROM core.feeds f WHERE f.feed = p_feed;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'begin_load: no feed % (core.feeds lists the feeds a migration added)', p_feed USING ERRCODE = 'invalid_parameter_value';
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
    EXECUTE format('DELETE FROM %s s WHERE s.source_key = $1 AND s.source_sha256 = $2', v_stored_table || '_staging')
        USING p_source_key, p_source_sha256;

    INSERT INTO core.ingestion_ledger (source_key, source_sha256, status, feed, source_version, source_uploaded_at, source_sequencer, source_version_ordinal)
    VALUES (p_source_key, p_source_sha256, 'loading', p_feed, p_source_version, v_uploaded_at, p_source_sequencer, p_source_version_ordinal)
    RETURNING core.ingestion_ledger.ledger_id INTO v_ledger_id;

    RETURN QUERY
    SELECT v_ledger_id,
           EXISTS (SELECT 1 FROM core.current_files c
                   WHERE c.source_key = p_source_key
                     AND (c.source_sha256 = p_source_sha256
                          OR core.version_order(v_uploaded_at, p_source_sequencer, p_source_version_ordinal, p_source_version)
                             < core.version_order(c.source_uploaded_at, c.source_sequencer, c.source_version_ordinal, c.source_version)));
END
$fn$;

COMMENT ON FUNCTION core.begin_load(text, text, text, text, timestamptz, text, bigint) IS
    'Opens a ledger entry (status loading) for one version of a raw key; already_loaded tells the caller there is nothing to stage.';

REVOKE ALL ON FUNCTION core.begin_load(text, text, text, text, timestamptz, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.begin_load(text, text, text, text, timestamptz, text, bigint) TO student_metrics_loader;

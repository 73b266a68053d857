-- The merge: the feed spec's "Loading and idempotency" for one staged file, in one transaction (the load calls
-- around it are listed in R__core.begin_load.sql). Its rules are db/README.md's "What merge_staged does".
--
-- How it is shaped, and why (each point was measured on a million-row file):
--  * An UPDATE of the rows that exist and an INSERT of those that do not, not INSERT ... ON CONFLICT: under the merge
--    lock nothing else inserts, so the speculative insertion ON CONFLICT pays on every row buys nothing.
--  * The staging table is analysed before anything is planned: its statistics otherwise describe whatever it held
--    last time (usually nothing), and the joins become nested loops that rescan a table per staged row.
--  * The rows a new version of a key no longer holds are found without a join: after the update and the insert they
--    are the key's rows whose hash is not this file's.
--  * The file's staged rows go by TRUNCATE when nothing else is staged (R__core.clear_staged_file.sql).

CREATE FUNCTION core.merge_staged(p_ledger_id bigint, p_rows_staged bigint)
RETURNS TABLE (outcome text, rows_in_file bigint, rows_inserted bigint, rows_replaced bigint, rows_removed bigint, rows_kept_newer bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Compiling the plan of a million-row statement to machine code costs more than it saves here.
SET jit = off
-- core.student_metrics is reached through its indexes only, whatever its statistics say: once the table had been
-- analysed while empty, the planner took it for a one-row table and tested "not there yet" with a nested loop that
-- scanned the whole table once per staged row (a million-row file ran for 13 minutes and counting). With sequential
-- scans off, every lookup of a (student_id, term) is a primary-key probe; the staging table has no index, so it is
-- still read sequentially. tests/StudentMetrics.IntegrationTests/Database/MergePlanTests.cs fails if this is lost.
SET enable_seqscan = off
-- The ANALYZE below only has to tell the planner roughly how many rows one file staged and that they share one key:
-- a sample of 3,000 rows (statistics target 10) does, in under 0.05 s instead of 0.3-0.4 s on a million rows.
SET default_statistics_target = 10
AS $fn$
DECLARE
    v_key      text;
    v_sha      text;
    v_status   text;
    v_in_file  bigint;
    v_inserted bigint := 0;
    v_replaced bigint := 0;
    v_removed  bigint := 0;
    v_key_had_rows boolean;
BEGIN
    -- One merge at a time in the whole database: files compete for the same (student_id, term), and which of two
    -- equal recorded_on values wins depends on the order of the loads, so the loads must have an order.
    -- Staging (the slow part) is not under this lock.
    PERFORM core.take_merge_lock();

    SELECT l.source_key, l.source_sha256, l.status INTO v_key, v_sha, v_status
    FROM core.ingestion_ledger l WHERE l.ledger_id = p_ledger_id
    FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'merge_staged: no ledger entry %', p_ledger_id USING ERRCODE = 'no_data_found';
    END IF;
    IF v_status <> 'loading' THEN
        RAISE EXCEPTION 'merge_staged: ledger entry % is %, not loading; start a new load with begin_load', p_ledger_id, v_status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;

    -- A file's identity is its content: content that was loaded before changes nothing, whatever its key.
    IF EXISTS (SELECT 1 FROM core.ingestion_ledger l WHERE l.source_sha256 = v_sha AND l.status = 'loaded') THEN
        SELECT count(*) INTO v_in_file
        FROM core.student_metrics_staging s WHERE s.source_key = v_key AND s.source_sha256 = v_sha;
        PERFORM core.clear_staged_file(v_key, v_sha);
        UPDATE core.ingestion_ledger l
        SET status = 'skipped_duplicate', rows_in_file = v_in_file, rows_inserted = 0, rows_replaced = 0,
            rows_removed = 0, rows_kept_newer = 0, finished_at = clock_timestamp()
        WHERE l.ledger_id = p_ledger_id;
        RETURN QUERY SELECT 'skipped_duplicate'::text, v_in_file, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
        RETURN;
    END IF;

    -- The staged rows arrived moments ago (often in this very transaction), so the table's statistics describe
    -- whatever it held last time. With sequential scans off no plan rescans a table per row whatever they say, but
    -- statistics of another file's key make the planner expect one staged row and probe the primary key a million
    -- times where one hash join would do: 2-3 s more on a million-row file.
    ANALYZE core.student_metrics_staging;

    SELECT count(*) INTO v_in_file
    FROM core.student_metrics_staging s WHERE s.source_key = v_key AND s.source_sha256 = v_sha;
    -- Refuse anything but exactly what the caller wrote: fewer rows would replace the key's rows with part of the
    -- file, more would mean two attempts staged the same file.
    IF v_in_file <> p_rows_staged OR v_in_file = 0 THEN
        RAISE EXCEPTION 'merge_staged: % rows are staged for % (%), the loader wrote %', v_in_file, v_key, v_sha, p_rows_staged
            USING ERRCODE = 'data_exception';
    END IF;

    -- Only a key seen before can have rows to remove; a new key's million rows need not be looked at again.
    v_key_had_rows := EXISTS (SELECT 1 FROM core.student_metrics t WHERE t.source_key = v_key);

    -- Rows the key held before are replaced whatever their date; a row of another file is replaced when this one
    -- is as recent or more (on a tie the later load wins, and this is the later load).
    UPDATE core.student_metrics t
    SET (school_id, grade_level, math_score, reading_score, science_score, gpa,
         days_enrolled, days_present, tardies, behavior_incidents, recorded_on,
         source_key, source_sha256, source_row, loaded_at)
      = (s.school_id, s.grade_level, s.math_score, s.reading_score, s.science_score, s.gpa,
         s.days_enrolled, s.days_present, s.tardies, s.behavior_incidents, s.recorded_on,
         s.source_key, s.source_sha256, s.source_row, now())
    FROM core.student_metrics_staging s
    WHERE s.source_key = v_key AND s.source_sha256 = v_sha
      AND t.student_id = s.student_id AND t.term = s.term
      AND (t.source_key = v_key OR s.recorded_on >= t.recorded_on);
    GET DIAGNOSTICS v_replaced = ROW_COUNT;

    -- Everything else of the file is new. No other session writes core.student_metrics while the merge lock is
    -- held, so "not there yet" cannot change between this check and the insert. A file holding the same
    -- (student_id, term) twice fails here on the primary key, which is right: the cleaner never writes one.
    INSERT INTO core.student_metrics (
        student_id, term, school_id, grade_level, math_score, reading_score, science_score, gpa,
        days_enrolled, days_present, tardies, behavior_incidents, recorded_on,
        source_key, source_sha256, source_row, loaded_at)
    SELECT s.student_id, s.term, s.school_id, s.grade_level, s.math_score, s.reading_score, s.science_score, s.gpa,
           s.days_enrolled, s.days_present, s.tardies, s.behavior_incidents, s.recorded_on,
           s.source_key, s.source_sha256, s.source_row, now()
    FROM core.student_metrics_staging s
    WHERE s.source_key = v_key AND s.source_sha256 = v_sha
      AND NOT EXISTS (SELECT 1 FROM core.student_metrics t WHERE t.student_id = s.student_id AND t.term = s.term);
    GET DIAGNOSTICS v_inserted = ROW_COUNT;

    -- A new version of a key replaces every row the key contributed before. Every row of this file now carries
    -- this file's hash (the key's own rows were all replaced above), so what the key still holds under another
    -- hash is what the new version no longer has: it goes. No join, so no plan can make it slow.
    IF v_key_had_rows THEN
        DELETE FROM core.student_metrics t
        WHERE t.source_key = v_key AND t.source_sha256 <> v_sha;
        GET DIAGNOSTICS v_removed = ROW_COUNT;
    END IF;

    PERFORM core.clear_staged_file(v_key, v_sha);

    UPDATE core.ingestion_ledger l
    SET status = 'loaded', rows_in_file = v_in_file, rows_inserted = v_inserted, rows_replaced = v_replaced,
        rows_removed = v_removed, rows_kept_newer = v_in_file - v_inserted - v_replaced, finished_at = clock_timestamp()
    WHERE l.ledger_id = p_ledger_id;

    RETURN QUERY SELECT 'loaded'::text, v_in_file, v_inserted, v_replaced, v_removed, v_in_file - v_inserted - v_replaced;
END
$fn$;

COMMENT ON FUNCTION core.merge_staged(bigint, bigint) IS
    'Merges the rows staged for a ledger entry into core.student_metrics (the feed spec''s Loading and idempotency) and closes the entry.';

REVOKE ALL ON FUNCTION core.merge_staged(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.merge_staged(bigint, bigint) TO student_metrics_loader;

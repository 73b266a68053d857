-- The merge with plans that stay linear whatever the planner believes about the tables' sizes.
--
-- 0007's INSERT ... WHERE NOT EXISTS was planned, for an empty core.student_metrics, as a nested loop with a
-- sequential scan of the table being filled: quadratic (20,000 rows took 15 s). The function now forbids
-- sequential scans, so every lookup in core.student_metrics goes through its primary key or source_key index, and
-- the rows a key no longer holds are found without a join: after the update and insert, they are the key's rows
-- whose hash is not this file's. Same semantics as 0004 and 0007.

CREATE OR REPLACE FUNCTION core.merge_staged(p_ledger_id bigint, p_rows_staged bigint)
RETURNS TABLE (outcome text, rows_in_file bigint, rows_inserted bigint, rows_replaced bigint, rows_removed bigint, rows_kept_newer bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Every join below can be done through an index (the primary key, or source_key); a sequential scan of
-- core.student_metrics inside a nested loop cannot be allowed to happen, however stale the statistics.
SET enable_seqscan = off
AS $fn$
DECLARE
    v_key      text;
    v_sha      text;
    v_status   text;
    v_in_file  bigint;
    v_inserted bigint := 0;
    v_replaced bigint := 0;
    v_removed  bigint := 0;
BEGIN
    -- One merge at a time in the whole database: files compete for the same (student_id, term), and which of two
    -- equal recorded_on values wins depends on the order of the loads, so the loads must have an order.
    -- Staging (the slow part) is not under this lock.
    PERFORM pg_advisory_xact_lock(hashtext('core.merge_staged'));

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
        DELETE FROM core.student_metrics_staging s WHERE s.source_key = v_key AND s.source_sha256 = v_sha;
        GET DIAGNOSTICS v_in_file = ROW_COUNT;
        UPDATE core.ingestion_ledger l
        SET status = 'skipped_duplicate', rows_in_file = v_in_file, rows_inserted = 0, rows_replaced = 0,
            rows_removed = 0, rows_kept_newer = 0, finished_at = clock_timestamp()
        WHERE l.ledger_id = p_ledger_id;
        RETURN QUERY SELECT 'skipped_duplicate'::text, v_in_file, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
        RETURN;
    END IF;

    SELECT count(*) INTO v_in_file
    FROM core.student_metrics_staging s WHERE s.source_key = v_key AND s.source_sha256 = v_sha;
    -- Refuse anything but exactly what the caller wrote: fewer rows would replace the key's rows with part of the
    -- file, more would mean two attempts staged the same file.
    IF v_in_file <> p_rows_staged OR v_in_file = 0 THEN
        RAISE EXCEPTION 'merge_staged: % rows are staged for % (%), the loader wrote %', v_in_file, v_key, v_sha, p_rows_staged
            USING ERRCODE = 'data_exception';
    END IF;

    -- Rows the key held before are replaced whatever their date; a row of another file is replaced when this one
    -- is as recent or more (on a tie the later load wins, and this is the later load).
    UPDATE core.student_metrics t
    SET school_id = s.school_id,
        grade_level = s.grade_level,
        math_score = s.math_score,
        reading_score = s.reading_score,
        science_score = s.science_score,
        gpa = s.gpa,
        days_enrolled = s.days_enrolled,
        days_present = s.days_present,
        tardies = s.tardies,
        behavior_incidents = s.behavior_incidents,
        recorded_on = s.recorded_on,
        source_key = s.source_key,
        source_sha256 = s.source_sha256,
        source_row = s.source_row,
        loaded_at = now()
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
    DELETE FROM core.student_metrics t
    WHERE t.source_key = v_key AND t.source_sha256 <> v_sha;
    GET DIAGNOSTICS v_removed = ROW_COUNT;

    DELETE FROM core.student_metrics_staging s WHERE s.source_key = v_key AND s.source_sha256 = v_sha;

    UPDATE core.ingestion_ledger l
    SET status = 'loaded', rows_in_file = v_in_file, rows_inserted = v_inserted, rows_replaced = v_replaced,
        rows_removed = v_removed, rows_kept_newer = v_in_file - v_inserted - v_replaced, finished_at = clock_timestamp()
    WHERE l.ledger_id = p_ledger_id;

    RETURN QUERY SELECT 'loaded'::text, v_in_file, v_inserted, v_replaced, v_removed, v_in_file - v_inserted - v_replaced;
END
$fn$;

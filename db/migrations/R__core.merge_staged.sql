-- The merge: the feed spec's "Loading and idempotency" for one staged file of any feed, in one transaction (the load
-- calls around it are listed in R__core.begin_load.sql). The stored rows are always the choice the spec describes
-- made over the current versions of all raw keys: for each key of a keyed feed, the row with the latest recency
-- value, then the later upload, then the greater object key. Rows of current files that lose wait in
-- TABLE_displaced, and come back when the file holding the winner withdraws it. A feed without a key stores each
-- file's rows as they are, replaced whole by the key's next version.
--
-- How it is shaped, and why (each point was measured on a million-row file):
--  * Which staged rows meet a stored row of another file is worked out once (merge_contested); for a new school's
--    file that set is empty and every staged row is inserted by one statement, as cheaply as a plain INSERT.
--  * A new version of a key first takes out what the previous one held (a DELETE found through the BRIN on
--    source_key, not a join), then inserts: cheaper than updating a million rows in place (non-HOT updates).
--  * The staging table is analysed before anything is planned: its statistics otherwise describe whatever it held
--    last time (usually nothing), and the joins become nested loops that rescan a table per staged row.
--  * The file's staged rows go by TRUNCATE when nothing else is staged (R__core.clear_staged_file.sql).
--  * The statements are built from core.feeds and the staging table's columns (format() with %I): one merge for
--    every feed, planned for the rows in hand.

CREATE FUNCTION core.merge_staged(p_ledger_id bigint, p_rows_staged bigint)
RETURNS TABLE (outcome text, rows_in_file bigint, rows_inserted bigint, rows_replaced bigint, rows_removed bigint,
               rows_kept_newer bigint, rows_restored bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Compiling the plan of a million-row statement to machine code costs more than it saves here.
SET jit = off
-- The stored table is reached through its indexes only, whatever its statistics say: once it had been analysed while
-- empty, the planner took it for a one-row table and tested "not there yet" with a nested loop that scanned the whole
-- table once per staged row (a million-row file ran for 13 minutes and counting). The staging table has no index, so
-- it is still read sequentially. tests/StudentMetrics.IntegrationTests/Database/MergePlanTests.cs fails if this is lost.
SET enable_seqscan = off
-- The ANALYZE below only has to tell the planner roughly how many rows one file staged and that they share one key:
-- a sample of 3,000 rows (statistics target 10) does, in under 0.05 s instead of 0.3-0.4 s on a million rows.
SET default_statistics_target = 10
AS $fn$
DECLARE
    v_entry       core.ingestion_ledger%ROWTYPE;
    v_feed        core.feeds%ROWTYPE;
    v_current     core.current_files%ROWTYPE;
    v_order       text;    -- this version's place among the key's versions (core.version_order)
    v_stored      text;
    v_staging     text;
    v_displaced   text;
    v_staged      text;    -- "staging s WHERE <this file>": the staged rows of this file, as s
    v_columns     text;    -- the file's columns as the staging table holds them (the contract's, then source_row)
    v_from_t      text;    -- the same columns and the lineage, of a stored row t
    v_from_s      text;    -- the same, of a staged row s, with this version's lineage
    v_key         text;    -- the key's columns, of a row {r}
    v_on          text;    -- {a}.key = {b}.key
    v_rank        text;    -- what orders the rows of one key, of a stored row {r}: (recency, upload, object key)
    v_rank_s      text;    -- the same, of a staged row s
    v_rank_desc   text;    -- the same of a row d, descending, for ORDER BY
    v_in_file     bigint;
    v_inserted    bigint := 0;
    v_replaced    bigint := 0;
    v_removed     bigint := 0;
    v_kept_newer  bigint := 0;
    v_restored    bigint := 0;
    v_count       bigint;
    v_vacated     bigint := 0;
BEGIN
    -- One merge at a time in the whole database: files compete for the same keys, and a version must see the one
    -- before it. Staging (the slow part) is not under this lock.
    PERFORM core.take_merge_lock();

    SELECT * INTO v_entry FROM core.ingestion_ledger l WHERE l.ledger_id = p_ledger_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'merge_staged: no ledger entry %', p_ledger_id USING ERRCODE = 'no_data_found';
    END IF;
    IF v_entry.status <> 'loading' THEN
        RAISE EXCEPTION 'merge_staged: ledger entry % is %, not loading; start a new load with begin_load', p_ledger_id, v_entry.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;

    SELECT * INTO STRICT v_feed FROM core.feeds f WHERE f.feed = v_entry.feed;
    v_stored := v_feed.stored_table;
    v_staging := v_stored || '_staging';
    v_displaced := v_stored || '_displaced';
    v_staged := format('%s s WHERE s.source_key = %L AND s.source_sha256 = %L', v_staging, v_entry.source_key, v_entry.source_sha256);
    v_order := core.version_order(v_entry.source_uploaded_at, v_entry.source_sequencer, v_entry.source_version_ordinal, v_entry.source_version);
    EXECUTE format('SELECT count(*) FROM %s', v_staged) INTO v_in_file;

    -- What the key holds now decides whether this version changes anything: content that is already the key's
    -- current content does not (the same bytes uploaded again become its newest version), and neither does a version
    -- older than the current one (its event arrived late).
    SELECT * INTO v_current FROM core.current_files c WHERE c.source_key = v_entry.source_key FOR UPDATE;
    IF FOUND AND v_current.feed <> v_entry.feed THEN
        RAISE EXCEPTION 'merge_staged: % was loaded as the % feed, not %', v_entry.source_key, v_current.feed, v_entry.feed
            USING ERRCODE = 'data_exception';
    END IF;
    IF FOUND AND (v_current.source_sha256 = v_entry.source_sha256
                  OR v_order < core.version_order(v_current.source_uploaded_at, v_current.source_sequencer, v_current.source_version_ordinal, v_current.source_version)) THEN
        outcome := CASE WHEN v_current.source_sha256 = v_entry.source_sha256 THEN 'skipped_duplicate' ELSE 'skipped_stale' END;
        IF outcome = 'skipped_duplicate' AND v_order > core.version_order(v_current.source_uploaded_at, v_current.source_sequencer, v_current.source_version_ordinal, v_current.source_version) THEN
            UPDATE core.current_files c
            SET source_version = v_entry.source_version, source_uploaded_at = v_entry.source_uploaded_at,
                source_sequencer = v_entry.source_sequencer, source_version_ordinal = v_entry.source_version_ordinal
            WHERE c.source_key = v_entry.source_key;
        END IF;
        PERFORM core.clear_staged_file(v_staging::regclass, v_entry.source_key, v_entry.source_sha256);
        UPDATE core.ingestion_ledger l
        SET status = outcome, rows_in_file = v_in_file, rows_inserted = 0, rows_replaced = 0, rows_removed = 0,
            rows_kept_newer = 0, rows_restored = 0, finished_at = clock_timestamp()
        WHERE l.ledger_id = p_ledger_id;
        RETURN QUERY SELECT outcome, v_in_file, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
        RETURN;
    END IF;

    -- Refuse anything but exactly what the caller wrote: fewer rows would replace the key's rows with part of the
    -- file, more would mean two attempts staged the same file. No rows at all is refused too (a caller that lost a
    -- file's rows would withdraw the key's), unless the caller said, for this very content, that the version holds no
    -- rows: a quarantined version, whose key then contributes nothing (CleanFileLoader.LoadEmptyAsync).
    IF v_in_file <> p_rows_staged
       OR (v_in_file = 0 AND current_setting('student_metrics.holds_no_rows', true) IS DISTINCT FROM v_entry.source_sha256) THEN
        RAISE EXCEPTION 'merge_staged: % rows are staged for % (%), the loader wrote %', v_in_file, v_entry.source_key, v_entry.source_sha256, p_rows_staged
            USING ERRCODE = 'data_exception';
    END IF;

    -- The staged rows arrived moments ago (often in this very transaction), so the table's statistics describe
    -- whatever it held last time; statistics of another file make the planner expect one staged row and probe an
    -- index a million times where one hash join would do.
    EXECUTE format('ANALYZE %s', v_staging);

    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg('t.' || quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg('s.' || quote_ident(a.attname), ', ' ORDER BY a.attnum)
    INTO v_columns, v_from_t, v_from_s
    FROM pg_attribute a
    WHERE a.attrelid = v_staging::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('source_key', 'source_sha256');
    v_columns := v_columns || ', source_key, source_sha256, source_uploaded_at, loaded_at';
    v_from_t := v_from_t || ', t.source_key, t.source_sha256, t.source_uploaded_at, t.loaded_at';
    v_from_s := v_from_s || format(', s.source_key, s.source_sha256, %L::timestamptz, now()', v_entry.source_uploaded_at);

    IF cardinality(v_feed.key_columns) = 0 THEN
        -- Each row is its own: the key's previous version goes, this one comes.
        EXECUTE format('DELETE FROM %s t WHERE t.source_key = %L', v_stored, v_entry.source_key);
        GET DIAGNOSTICS v_removed = ROW_COUNT;
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s', v_stored, v_columns, v_from_s, v_staged);
        GET DIAGNOSTICS v_inserted = ROW_COUNT;
    ELSE
        SELECT string_agg('{r}.' || quote_ident(k), ', '), string_agg(format('{a}.%1$I = {b}.%1$I', k), ' AND ')
        INTO v_key, v_on
        FROM unnest(v_feed.key_columns) k;
        v_rank := CASE WHEN v_feed.recency_column IS NULL THEN '' ELSE format('{r}.%I, ', v_feed.recency_column) END
                  || '{r}.source_uploaded_at, {r}.source_key';
        v_rank_s := CASE WHEN v_feed.recency_column IS NULL THEN '' ELSE format('s.%I, ', v_feed.recency_column) END
                  || format('%L::timestamptz, s.source_key', v_entry.source_uploaded_at);
        v_rank_desc := replace(replace(v_rank, '{r}', 'd'), ', ', ' DESC, ') || ' DESC';

        DROP TABLE IF EXISTS pg_temp.merge_vacated, pg_temp.merge_contested;

        -- 1. The key's previous version takes out what it held: its rows waiting aside go, and the keys its stored rows
        --    held are vacated (a row of another file waiting aside may be due for one). Found through the index on
        --    source_key, without a join.
        EXECUTE format('DELETE FROM %s d WHERE d.source_key = %L', v_displaced, v_entry.source_key);
        EXECUTE format('CREATE TEMP TABLE merge_vacated ON COMMIT DROP AS
                        WITH gone AS (DELETE FROM %s t WHERE t.source_key = %L RETURNING %s) SELECT * FROM gone',
                       v_stored, v_entry.source_key, replace(v_key, '{r}', 't'));
        GET DIAGNOSTICS v_vacated = ROW_COUNT;
        ANALYZE pg_temp.merge_vacated;

        -- 2. Which staged rows meet a stored row of another file, and which of the two wins (usually none meet).
        EXECUTE format('CREATE TEMP TABLE merge_contested ON COMMIT DROP AS
                        SELECT %s, (%s) > (%s) AS staged_wins FROM %s s JOIN %s t ON %s
                        WHERE s.source_key = %L AND s.source_sha256 = %L',
                       replace(v_key, '{r}', 's'), v_rank_s, replace(v_rank, '{r}', 't'), v_staging, v_stored,
                       replace(replace(v_on, '{a}', 't'), '{b}', 's'), v_entry.source_key, v_entry.source_sha256);
        ANALYZE pg_temp.merge_contested;

        -- 3. Where a staged row wins, the stored row of the other file waits aside and the staged row takes its place;
        --    where it loses, it waits aside itself.
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s t JOIN pg_temp.merge_contested c ON %s WHERE c.staged_wins',
                       v_displaced, v_columns, v_from_t, v_stored, replace(replace(v_on, '{a}', 't'), '{b}', 'c'));
        EXECUTE format('UPDATE %s t SET (%s) = (%s) FROM %s JOIN pg_temp.merge_contested c ON %s
                        WHERE s.source_key = %L AND s.source_sha256 = %L AND c.staged_wins AND %s',
                       v_stored, v_columns, v_from_s, v_staging || ' s', replace(replace(v_on, '{a}', 's'), '{b}', 'c'),
                       v_entry.source_key, v_entry.source_sha256, replace(replace(v_on, '{a}', 't'), '{b}', 's'));
        GET DIAGNOSTICS v_replaced = ROW_COUNT;
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s JOIN pg_temp.merge_contested c ON %s
                        WHERE s.source_key = %L AND s.source_sha256 = %L AND NOT c.staged_wins',
                       v_displaced, v_columns, v_from_s, v_staging || ' s', replace(replace(v_on, '{a}', 's'), '{b}', 'c'),
                       v_entry.source_key, v_entry.source_sha256);
        GET DIAGNOSTICS v_kept_newer = ROW_COUNT;

        -- 4. The rest: keys no other file's stored row holds. For a key the previous version held, a row waiting aside
        --    may beat this version's row: then this one waits aside and that one comes back (5).
        IF v_vacated = 0 THEN
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s AND NOT EXISTS (SELECT 1 FROM pg_temp.merge_contested c WHERE %s)',
                           v_stored, v_columns, v_from_s, v_staged, replace(replace(v_on, '{a}', 'c'), '{b}', 's'));
            GET DIAGNOSTICS v_inserted = ROW_COUNT;
        ELSE
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s AND NOT EXISTS (SELECT 1 FROM pg_temp.merge_contested c WHERE %s)
                            AND EXISTS (SELECT 1 FROM %s d WHERE %s AND (%s) > (%s))',
                           v_displaced, v_columns, v_from_s, v_staged, replace(replace(v_on, '{a}', 'c'), '{b}', 's'),
                           v_displaced, replace(replace(v_on, '{a}', 'd'), '{b}', 's'), replace(v_rank, '{r}', 'd'), v_rank_s);
            GET DIAGNOSTICS v_count = ROW_COUNT;
            v_kept_newer := v_kept_newer + v_count;
            EXECUTE format('WITH stored AS (
                                INSERT INTO %s (%s) SELECT %s FROM %s AND NOT EXISTS (SELECT 1 FROM pg_temp.merge_contested c WHERE %s)
                                AND NOT EXISTS (SELECT 1 FROM %s d WHERE %s AND (%s) > (%s))
                                RETURNING %s)
                            SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pg_temp.merge_vacated v WHERE %s)) FROM stored t',
                           v_stored, v_columns, v_from_s, v_staged, replace(replace(v_on, '{a}', 'c'), '{b}', 's'),
                           v_displaced, replace(replace(v_on, '{a}', 'd'), '{b}', 's'), replace(v_rank, '{r}', 'd'), v_rank_s,
                           replace(v_key, '{r}.', ''), replace(replace(v_on, '{a}', 'v'), '{b}', 't'))
                INTO v_count, v_removed;
            -- v_removed holds, for now, the rows that took a key the previous version held: replacements.
            v_inserted := v_count - v_removed;
            v_replaced := v_replaced + v_removed;

            -- 5. Keys the previous version held that no row of this one took: the best row waiting aside comes back.
            EXECUTE format('WITH best AS (
                                SELECT DISTINCT ON (%s) %s, d.source_key FROM %s d JOIN pg_temp.merge_vacated v ON %s
                                WHERE NOT EXISTS (SELECT 1 FROM %s t WHERE %s)
                                ORDER BY %s, %s),
                            back AS (
                                DELETE FROM %s d USING best b WHERE %s AND d.source_key = b.source_key RETURNING %s)
                            INSERT INTO %s (%s) SELECT * FROM back',
                           replace(v_key, '{r}', 'd'), replace(v_key, '{r}', 'd'), v_displaced, replace(replace(v_on, '{a}', 'd'), '{b}', 'v'),
                           v_stored, replace(replace(v_on, '{a}', 't'), '{b}', 'd'),
                           replace(v_key, '{r}', 'd'), v_rank_desc,
                           v_displaced, replace(replace(v_on, '{a}', 'd'), '{b}', 'b'), replace(v_from_t, 't.', 'd.'),
                           v_stored, v_columns);
            GET DIAGNOSTICS v_restored = ROW_COUNT;

            -- What the previous version held and this one does not: removed (another file's row may have come back).
            EXECUTE format('SELECT count(*) FROM pg_temp.merge_vacated v WHERE NOT EXISTS (SELECT 1 FROM %s AND %s)',
                           v_staged, replace(replace(v_on, '{a}', 's'), '{b}', 'v'))
                INTO v_removed;
        END IF;
    END IF;

    PERFORM core.clear_staged_file(v_staging::regclass, v_entry.source_key, v_entry.source_sha256);

    INSERT INTO core.current_files AS c (source_key, feed, source_sha256, source_version, source_uploaded_at, source_sequencer, source_version_ordinal, ledger_id)
    VALUES (v_entry.source_key, v_entry.feed, v_entry.source_sha256, v_entry.source_version, v_entry.source_uploaded_at, v_entry.source_sequencer,
            v_entry.source_version_ordinal, p_ledger_id)
    ON CONFLICT (source_key) DO UPDATE
    SET source_sha256 = excluded.source_sha256, source_version = excluded.source_version, source_uploaded_at = excluded.source_uploaded_at,
        source_sequencer = excluded.source_sequencer, source_version_ordinal = excluded.source_version_ordinal, ledger_id = excluded.ledger_id, loaded_at = now();

    UPDATE core.ingestion_ledger l
    SET status = 'loaded', rows_in_file = v_in_file, rows_inserted = v_inserted, rows_replaced = v_replaced,
        rows_removed = v_removed, rows_kept_newer = v_kept_newer, rows_restored = v_restored, finished_at = clock_timestamp()
    WHERE l.ledger_id = p_ledger_id;

    RETURN QUERY SELECT 'loaded'::text, v_in_file, v_inserted, v_replaced, v_removed, v_kept_newer, v_restored;
END
$fn$;

COMMENT ON FUNCTION core.merge_staged(bigint, bigint) IS
    'Merges the rows staged for a ledger entry into its feed''s table (the feed spec''s Loading and idempotency) and closes the entry.';

REVOKE ALL ON FUNCTION core.merge_staged(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.merge_staged(bigint, bigint) TO student_metrics_loader;

-- A merge clears its file's staged rows with TRUNCATE when they are all the staging table holds, instead of
-- deleting them row by row (about a second, a tenth of a million-row merge, and a million dead rows for vacuum).
--
-- TRUNCATE needs the table to itself, and another loader may be staging (it holds a lock on the table and may be
-- waiting for the merge lock this merge holds). So the lock is asked for with NOWAIT: a merge never waits for it,
-- and cannot deadlock. With the lock held nobody can add rows, so "are these all the rows there are" stays true
-- until the commit; rows another file staged earlier (a Glue run between its staging and its merge) make it
-- delete its own rows instead.

CREATE FUNCTION core.clear_staged_file(p_staging regclass, p_source_key text, p_source_sha256 text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_others boolean;
BEGIN
    BEGIN
        EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE NOWAIT', p_staging);
    EXCEPTION WHEN lock_not_available THEN
        EXECUTE format('DELETE FROM %s s WHERE s.source_key = $1 AND s.source_sha256 = $2', p_staging) USING p_source_key, p_source_sha256;
        RETURN;
    END;

    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s s WHERE s.source_key <> $1 OR s.source_sha256 <> $2)', p_staging)
        INTO v_others USING p_source_key, p_source_sha256;
    IF v_others THEN
        EXECUTE format('DELETE FROM %s s WHERE s.source_key = $1 AND s.source_sha256 = $2', p_staging) USING p_source_key, p_source_sha256;
    ELSE
        EXECUTE format('TRUNCATE %s', p_staging);
    END IF;
END
$fn$;

COMMENT ON FUNCTION core.clear_staged_file(regclass, text, text) IS
    'Removes one file''s staged rows once merged: TRUNCATE when they are all its staging table holds and nobody else is using it, DELETE otherwise.';

REVOKE ALL ON FUNCTION core.clear_staged_file(regclass, text, text) FROM PUBLIC;

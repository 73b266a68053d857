-- A merge clears its file's staged rows with TRUNCATE when they are all the staging table holds, instead of
-- deleting them row by row (about a second, a tenth of a million-row merge, and a million dead rows for vacuum).
--
-- TRUNCATE needs the table to itself, and another loader may be staging (it holds a lock on the table and may be
-- waiting for the merge lock this merge holds). So the lock is asked for with NOWAIT: a merge never waits for it,
-- and cannot deadlock. With the lock held nobody can add rows, so "are these all the rows there are" stays true
-- until the commit; rows another file staged earlier (a Glue run between its staging and its merge) make it
-- delete its own rows instead.

CREATE FUNCTION core.clear_staged_file(p_source_key text, p_source_sha256 text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    BEGIN
        LOCK TABLE core.student_metrics_staging IN ACCESS EXCLUSIVE MODE NOWAIT;
    EXCEPTION WHEN lock_not_available THEN
        DELETE FROM core.student_metrics_staging s WHERE s.source_key = p_source_key AND s.source_sha256 = p_source_sha256;
        RETURN;
    END;

    IF EXISTS (SELECT 1 FROM core.student_metrics_staging s
               WHERE s.source_key <> p_source_key OR s.source_sha256 <> p_source_sha256) THEN
        DELETE FROM core.student_metrics_staging s WHERE s.source_key = p_source_key AND s.source_sha256 = p_source_sha256;
    ELSE
        TRUNCATE core.student_metrics_staging;
    END IF;
END
$fn$;

COMMENT ON FUNCTION core.clear_staged_file(text, text) IS
    'Removes one file''s staged rows once merged: TRUNCATE when they are all the table holds and nobody else is using it, DELETE otherwise.';

REVOKE ALL ON FUNCTION core.clear_staged_file(text, text) FROM PUBLIC;

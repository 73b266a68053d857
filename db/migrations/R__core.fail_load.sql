-- The last of the load calls (R__core.begin_load.sql lists them all): a load that failed says so.

CREATE FUNCTION core.fail_load(p_ledger_id bigint, p_error text)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    UPDATE core.ingestion_ledger
    SET status = 'failed', error = left(p_error, 4000), finished_at = clock_timestamp()
    WHERE ledger_id = p_ledger_id AND status = 'loading';
$fn$;

COMMENT ON FUNCTION core.fail_load(bigint, text) IS
    'Marks a ledger entry that is still loading as failed, with the error; entries already closed are left as they are.';

REVOKE ALL ON FUNCTION core.fail_load(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.fail_load(bigint, text) TO student_metrics_loader;

-- What the loaders call after a successful load, with the ledger entries of the files just loaded: the snapshot is
-- refreshed, and the ledger records which schools each of those files held (from the refresh's own per-file
-- aggregates, so no second pass over the rows). Runs as the owner, so the loader role needs nothing more.
-- Reporting covers the student_metrics feed only: a load of another feed (core.feeds) publishes nothing and refreshes
-- nothing, so the loaders may call this after every load without knowing which feeds are reported. With no ledger
-- entries (an administrator's call) it refreshes.
CREATE FUNCTION core.refresh_reporting(p_ledger_ids bigint[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF cardinality(p_ledger_ids) > 0 AND NOT EXISTS (
        SELECT 1 FROM core.ingestion_ledger l WHERE l.ledger_id = ANY (p_ledger_ids) AND l.feed = 'student_metrics') THEN
        RETURN;
    END IF;
    PERFORM reporting_internal.refresh_student_metrics();
    INSERT INTO core.ingestion_ledger_schools (ledger_id, school_id)
    SELECT DISTINCT l.ledger_id, r.school_id
      FROM core.ingestion_ledger l
      JOIN refresh_sources r ON r.source_sha256 = l.source_sha256
     WHERE l.ledger_id = ANY (p_ledger_ids) AND l.feed = 'student_metrics'
    ON CONFLICT DO NOTHING;
END
$fn$;

REVOKE ALL ON FUNCTION core.refresh_reporting(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.refresh_reporting(bigint[]) TO student_metrics_loader;

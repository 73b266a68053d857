-- The schools of one attempt. Ids that are not valid school ids (a quarantined file may hold anything) are skipped.
CREATE FUNCTION core.record_attempt_schools(p_ledger_id bigint, p_school_ids text[])
RETURNS integer
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    WITH added AS (
        INSERT INTO core.ingestion_ledger_schools (ledger_id, school_id)
        SELECT DISTINCT p_ledger_id, upper(btrim(s))
          FROM unnest(p_school_ids) AS s
         WHERE upper(btrim(s)) ~ '^[A-Z0-9_-]{1,20}$'
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM added;
$fn$;

-- The loaders call it for a quarantined file (through record_quarantine) and refresh_reporting for a loaded one.
REVOKE ALL ON FUNCTION core.record_attempt_schools(bigint, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.record_attempt_schools(bigint, text[]) TO student_metrics_loader;

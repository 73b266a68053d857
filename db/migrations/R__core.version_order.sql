-- The order of two versions of one raw key: upload time (S3's LastModified, to the second), then the event's
-- sequencer (hexadecimal, of any length, so compared as a number: S3 documents that a later event of a key has the
-- greater sequencer), then the version's ordinal among the key's versions (counted from S3's list of them), then the
-- version id, so that two uploads in the same second still have an order every merge agrees on.

CREATE FUNCTION core.version_order(p_uploaded_at timestamptz, p_sequencer text, p_ordinal bigint, p_version text)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT to_char(p_uploaded_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')
        || '/' || lpad(upper(coalesce(p_sequencer, '')), 64, '0')
        || '/' || lpad(coalesce(p_ordinal, 0)::text, 20, '0')
        || '/' || coalesce(p_version, '');
$fn$;

COMMENT ON FUNCTION core.version_order(timestamptz, text, bigint, text) IS
    'A text that sorts versions of one raw key in upload order: upload time, event sequencer, ordinal, version id.';

REVOKE ALL ON FUNCTION core.version_order(timestamptz, text, bigint, text) FROM PUBLIC;

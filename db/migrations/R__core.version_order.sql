-- The order of two versions of one raw key: upload time (S3's LastModified, to the second), then the version's ordinal
-- among the key's versions (counted from S3's list of them), then the event's sequencer (hexadecimal, of any length,
-- so compared as a number: S3 documents that a later event of a key has the greater sequencer), then the version id,
-- so that two uploads in the same second still have an order every merge agrees on.
-- The ordinal comes before the sequencer because the clean function knows the ordinal of every version it cleans, but
-- the sequencer only of a version an event named: a version cleaned for an event that named an older one, or none,
-- has no sequencer, and must not lose to an older version that had one (CurrentFilesRuleTests). The ordinal could only
-- mislead where versions of the key were deleted between two uploads in the same second.

CREATE FUNCTION core.version_order(p_uploaded_at timestamptz, p_sequencer text, p_ordinal bigint, p_version text)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT to_char(p_uploaded_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')
        || '/' || lpad(coalesce(p_ordinal, 0)::text, 20, '0')
        || '/' || lpad(upper(coalesce(p_sequencer, '')), 64, '0')
        || '/' || coalesce(p_version, '');
$fn$;

COMMENT ON FUNCTION core.version_order(timestamptz, text, bigint, text) IS
    'A text that sorts versions of one raw key in upload order: upload time, ordinal, event sequencer, version id.';

REVOKE ALL ON FUNCTION core.version_order(timestamptz, text, bigint, text) FROM PUBLIC;

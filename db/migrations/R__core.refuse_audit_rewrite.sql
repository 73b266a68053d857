-- core.source_changes is an audit: append-only, for the owner too. A change to the registry is undone by another
-- change, which is audited in turn.

CREATE FUNCTION core.refuse_audit_rewrite() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'core.source_changes is an audit: its rows are never changed or removed';
END
$$;

REVOKE ALL ON FUNCTION core.refuse_audit_rewrite() FROM PUBLIC;

CREATE TRIGGER source_changes_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON core.source_changes
    FOR EACH STATEMENT EXECUTE FUNCTION core.refuse_audit_rewrite();

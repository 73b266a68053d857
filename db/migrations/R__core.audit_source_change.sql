-- The source registry's audit (core.source_changes, 0048): one row per change to core.sources or core.source_schools,
-- whatever makes it (the sources command, a migration, anyone's SQL). Who is the transaction's student_metrics.actor
-- setting (the sources command sets it to the person it runs for), else the role; why is student_metrics.change_reason.
-- A source's prefix is its identity and a permitted school is a fact: neither is changed in place.

CREATE FUNCTION core.audit_source_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor text := coalesce(nullif(current_setting('student_metrics.actor', true), ''), session_user);
    why   text := nullif(current_setting('student_metrics.change_reason', true), '');
BEGIN
    IF TG_TABLE_NAME = 'sources' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO core.source_changes (changed_by, action, prefix, detail, reason) VALUES (actor, 'source_added', NEW.prefix, NEW.description, why);
        ELSIF TG_OP = 'UPDATE' THEN
            IF NEW.prefix IS DISTINCT FROM OLD.prefix THEN
                RAISE EXCEPTION 'a source''s prefix is its identity: remove % and add % instead', OLD.prefix, NEW.prefix;
            END IF;
            INSERT INTO core.source_changes (changed_by, action, prefix, detail, reason) VALUES (actor, 'source_described', NEW.prefix, NEW.description, why);
        ELSE
            INSERT INTO core.source_changes (changed_by, action, prefix, detail, reason) VALUES (actor, 'source_removed', OLD.prefix, OLD.description, why);
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO core.source_changes (changed_by, action, prefix, school_id, reason) VALUES (actor, 'school_permitted', NEW.prefix, NEW.school_id, why);
    ELSIF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'withdraw % from % and permit the other school instead of changing it', OLD.school_id, OLD.prefix;
    ELSE
        INSERT INTO core.source_changes (changed_by, action, prefix, school_id, reason) VALUES (actor, 'school_withdrawn', OLD.prefix, OLD.school_id, why);
    END IF;
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION core.audit_source_change() FROM PUBLIC;

CREATE TRIGGER sources_audited
    AFTER INSERT OR UPDATE OR DELETE ON core.sources
    FOR EACH ROW EXECUTE FUNCTION core.audit_source_change();

CREATE TRIGGER source_schools_audited
    AFTER INSERT OR UPDATE OR DELETE ON core.source_schools
    FOR EACH ROW EXECUTE FUNCTION core.audit_source_change();

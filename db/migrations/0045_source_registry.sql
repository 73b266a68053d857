-- Sources: the folders schools and districts upload to (raw/SOURCE/) and the school ids each may send rows for
-- (docs/feed-contract.md, "Sources and tenancy"). The cleaner rejects a row whose school its source may not send
-- (school_id:not_permitted_for_source) and sets aside a file from an unregistered source; it reads these tables as
-- published to the bucket (registry/sources.json) by `student-metrics sources` and by the migrate function.
-- Every change, by a migration, the command or anyone's SQL, is audited in core.source_changes by trigger.

CREATE TABLE core.sources (
    prefix      text COLLATE "C" PRIMARY KEY CHECK (prefix ~ '^raw/[^/]+/$'),
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE core.sources IS
    'A source of uploads: the folder raw/SOURCE/ (the first folder below raw/). Files from any other folder are set aside.';

CREATE TABLE core.source_schools (
    prefix    text COLLATE "C" NOT NULL REFERENCES core.sources ON DELETE CASCADE,
    school_id text COLLATE "C" NOT NULL CHECK (length(school_id) BETWEEN 1 AND 20 AND school_id !~ '[^A-Z0-9_-]'),
    PRIMARY KEY (prefix, school_id)
);

COMMENT ON TABLE core.source_schools IS
    'The school ids (canonical, as core.student_metrics stores them) a source may send rows for.';

CREATE TABLE core.source_changes (
    change_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    changed_by    text NOT NULL,
    database_role text NOT NULL DEFAULT session_user,
    action        text NOT NULL CHECK (action IN ('source_added', 'source_described', 'source_removed', 'school_permitted', 'school_withdrawn')),
    prefix        text COLLATE "C" NOT NULL,
    school_id     text COLLATE "C",
    detail        text,
    reason        text
);

COMMENT ON TABLE core.source_changes IS
    'Who changed core.sources or core.source_schools, when, and what. changed_by is the student_metrics.actor setting '
    'of the transaction (the person the sources command runs for, or the migration) or else the database role; '
    'reason is student_metrics.change_reason. Written by trigger only; never updated.';

CREATE FUNCTION core.audit_source_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    actor  text := coalesce(nullif(current_setting('student_metrics.actor', true), ''), session_user);
    why    text := nullif(current_setting('student_metrics.change_reason', true), '');
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
    ELSE
        IF TG_OP = 'INSERT' THEN
            INSERT INTO core.source_changes (changed_by, action, prefix, school_id, reason) VALUES (actor, 'school_permitted', NEW.prefix, NEW.school_id, why);
        ELSIF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'withdraw % from % and permit the other school instead of changing it', OLD.school_id, OLD.prefix;
        ELSE
            INSERT INTO core.source_changes (changed_by, action, prefix, school_id, reason) VALUES (actor, 'school_withdrawn', OLD.prefix, OLD.school_id, why);
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER sources_audited AFTER INSERT OR UPDATE OR DELETE ON core.sources
    FOR EACH ROW EXECUTE FUNCTION core.audit_source_change();

CREATE TRIGGER source_schools_audited AFTER INSERT OR UPDATE OR DELETE ON core.source_schools
    FOR EACH ROW EXECUTE FUNCTION core.audit_source_change();

-- The audit is append-only, even for the owner's own SQL: a change is undone by another change.
CREATE FUNCTION core.refuse_audit_rewrite() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'core.source_changes is an audit: its rows are never changed or removed';
END
$fn$;

CREATE TRIGGER source_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON core.source_changes
    FOR EACH STATEMENT EXECUTE FUNCTION core.refuse_audit_rewrite();

-- The deploy's smoke test (ops/smoke-test.sh) sends the bundled sample under raw/smoke-test/: a source of its own,
-- permitted the sample's schools. Its cleaned output is never loaded (the Glue crawl excludes clean/smoke-test/).
SELECT set_config('student_metrics.actor', 'migration 0045_source_registry', true),
       set_config('student_metrics.change_reason', 'the deploy smoke test''s sample', true);

INSERT INTO core.sources (prefix, description)
VALUES ('raw/smoke-test/', 'The deploy''s smoke test: the bundled sample (samples/student_metrics_sample.csv), never loaded.');

INSERT INTO core.source_schools (prefix, school_id)
SELECT 'raw/smoke-test/', school_id
FROM unnest(ARRAY['BAY-ACAD', 'HILL-HS', 'LIN-ELEM', 'OAK-ELEM', 'PINE-ACAD', 'RIVER-MS']) AS s(school_id);

SELECT set_config('student_metrics.actor', '', true), set_config('student_metrics.change_reason', '', true);

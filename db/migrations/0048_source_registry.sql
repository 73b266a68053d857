-- Sources: the folders schools and districts upload to (raw/SOURCE/) and the school ids each may send rows for
-- (docs/feed-contract.md, "Sources and tenancy"). The cleaner rejects a row whose school its source may not send
-- (school_id:not_permitted_for_source) and sets aside a file from an unregistered source; it reads these tables as
-- published to the bucket (registry/sources.json) by `student-metrics sources` and by the migrate function.
-- Every change, by the command or anyone's SQL, is audited in core.source_changes by trigger
-- (R__core.audit_source_change.sql; the audit cannot be rewritten: R__core.refuse_audit_rewrite.sql). Repeatable
-- scripts run after this one, so the registration below writes its own audit rows.

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
    'reason is student_metrics.change_reason. Written by trigger (and by migration 0048 for its own registration); never updated.';

-- The deploy's smoke test (ops/smoke-test.sh) sends the bundled sample under raw/smoke-test/: a source of its own,
-- permitted the sample's schools. Its cleaned output is never loaded (the Glue crawl excludes clean/smoke-test/).
INSERT INTO core.sources (prefix, description)
VALUES ('raw/smoke-test/', 'The deploy''s smoke test: the bundled sample (samples/student_metrics_sample.csv), never loaded.');

INSERT INTO core.source_schools (prefix, school_id)
SELECT 'raw/smoke-test/', school_id
FROM unnest(ARRAY['BAY-ACAD', 'HILL-HS', 'LIN-ELEM', 'OAK-ELEM', 'PINE-ACAD', 'RIVER-MS']) AS s(school_id);

INSERT INTO core.source_changes (changed_by, action, prefix, school_id, detail, reason)
SELECT 'migration 0048_source_registry', 'source_added', prefix, NULL, description, 'the deploy smoke test''s sample'
FROM core.sources
UNION ALL
SELECT 'migration 0048_source_registry', 'school_permitted', prefix, school_id, NULL, 'the deploy smoke test''s sample'
FROM core.source_schools
ORDER BY 3, 4 NULLS FIRST;

-- The schema as the versioned scripts 0001-0043 left it, written whole: schemas, roles, tables, indexes, settings
-- and privileges. The views and functions are not here: each has its own R__ script, applied after this one.
-- A fresh database runs this script instead of 0001-0043; a database that applied all of them (their text is kept
-- in tests/fixtures/migration-history/) records it as applied without running it. See db/README.md, "Baseline".
--
-- replaces: 0001_base_schema.sql cff6d47b24ab364babf4c31b058e49304862e7b0b384ce0cc90ce7e471a456e7
-- replaces: 0002_roles.sql 2a97a2ef4274ce44d8b911fb66a23ec82c13dc119473086b420362c07aaa2399
-- replaces: 0003_staging_table.sql e0ee2ed7f2ac4946745a355dbb19bb464aaf80e9143da28b332335c155619aa7
-- replaces: 0004_load_functions.sql 7258a53bde2a994d122055b1de6a65a262bb808bd0e1f6e6fc1c885e7a89c9be
-- replaces: 0005_privileges.sql e38c39c26230e4594914a0dcc4f8f62b34d04690ab788e75cfc8833155d80bb4
-- replaces: 0006_faster_merge_schema.sql f16d3ae4b9fb17d124caa203720ee1b77b1a1dfe40b278f88d7c1bc425595e3d
-- replaces: 0010_lineage_defaults_and_brin.sql 413849ec1ef6173797ec25ec58e0d76f9a747bcb8a1ab2626b9f1d2f671c379f
-- replaces: 0011_merge_reaches_rows_by_key.sql 4dd345afb6152e5558b15fd284ec6620c323b1d670563f3651feb8790148af4f
-- replaces: 0012_cheaper_term_and_hash_checks.sql febbab1cc47e5c77ad5b6f0c98a9187a34b4025fafecf8ade1811fa095fd0259
-- replaces: 0013_merge_truncates_staging_when_alone.sql ebefde6169de2f2e605b95194e5ffbf019f25fcc27046c5bdb2409d3cd543509
-- replaces: 0014_merge_samples_staging_lightly.sql 1e7c262fa21fb1ed7df31df728eb9bedd0c94c70df8f5f5a15a74018b052aa01
-- replaces: 0040_reporting_settings.sql 3cce1d2a4212c6a13cd1b09b57366e404c4c994aa53ba6c8022d99c28f279533
-- replaces: 0041_reporting_views.sql a2ea7bfd8d98a88df8f363d63d485233ff76a0196119ac93d619312209fd6b33
-- replaces: 0042_reporting_grants.sql fe00ab7b8a805cbdf2f0e28e9951a61ad4eafaf180447cbe9af7e3cc3972daa2
-- replaces: 0043_reporting_settings_kept.sql f135b1ef5cfbdeda579752380781def2a41e8b731460be245ae3d8f853f4c69a

CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS reporting;
-- Student-level facts stay out of the schema the reporting role can read: the published views aggregate them.
CREATE SCHEMA IF NOT EXISTS reporting_internal;


-- ---------------------------------------------------------------- roles
-- The three roles of the product. Roles are cluster-wide, so several databases (or two deploys at once) may
-- race to create them: each is created only when missing, and losing the race is not an error.
-- They are NOLOGIN group roles; people and services log in as members (GRANT student_metrics_reporting TO tableau).
DO $roles$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['student_metrics_owner', 'student_metrics_loader', 'student_metrics_reporting']
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$roles$;

-- Tableau must never write, even by mistake: every session of the reporting role starts read-only.
-- (Defence in depth; the grants below are what actually forbid writing.) A cluster where the migration owner may
-- not alter the role (PostgreSQL 16+ without ADMIN OPTION on it) keeps whatever the administrator set.
DO $readonly$
BEGIN
    ALTER ROLE student_metrics_reporting SET default_transaction_read_only = on;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'student_metrics_reporting: not allowed to set default_transaction_read_only; leaving the role as it is';
END
$readonly$;


-- ---------------------------------------------------------------- core.student_metrics
-- The stored form of the student_metrics feed (contract version 1), typed per ../shared/spec/student-metrics-feed.md.
-- Ids, terms and keys compare byte by byte (collation "C"): they are upper-case ASCII by the spec, so the order is
-- the same, and the primary key does not pay for locale-aware comparison on every insert. Every rule of the spec is
-- a CHECK, written in a form PostgreSQL tests quickly (anchored regular expressions with bounded repeats cost
-- microseconds a row and were most of a large merge); tests/StudentMetrics.IntegrationTests/Database/StoredRowRuleTests.cs
-- pins each to the spec, value by value.
CREATE TABLE core.student_metrics (
    student_id          text COLLATE "C" NOT NULL
                        CHECK (length(student_id) BETWEEN 1 AND 20 AND student_id !~ '[^A-Z0-9_-]'),
    -- YYYY-YYYY-P: LIKE puts '-' at positions 5 and 10; the first nine characters are digits or '-'; and the term
    -- holds exactly two '-', so those are the two. P is one of the spec's periods.
    term                text COLLATE "C" NOT NULL
                        CHECK (term LIKE '____-____-__'
                               AND left(term, 9) !~ '[^0-9-]'
                               AND length(replace(term, '-', '')) = 10
                               AND right(term, 2) IN ('S1', 'S2', 'T1', 'T2', 'T3', 'Q1', 'Q2', 'Q3', 'Q4', 'FY')),
    school_id           text COLLATE "C" NOT NULL
                        CHECK (length(school_id) BETWEEN 1 AND 20 AND school_id !~ '[^A-Z0-9_-]'),
    grade_level         smallint     NOT NULL CHECK (grade_level BETWEEN -1 AND 12),
    math_score          numeric(5,2) CHECK (math_score BETWEEN 0 AND 100),
    reading_score       numeric(5,2) CHECK (reading_score BETWEEN 0 AND 100),
    science_score       numeric(5,2) CHECK (science_score BETWEEN 0 AND 100),
    gpa                 numeric(3,2) CHECK (gpa BETWEEN 0 AND 5),
    days_enrolled       smallint     NOT NULL CHECK (days_enrolled BETWEEN 0 AND 366),
    days_present        smallint     CHECK (days_present BETWEEN 0 AND days_enrolled),
    tardies             integer      CHECK (tardies >= 0),
    behavior_incidents  integer      CHECK (behavior_incidents >= 0),
    recorded_on         date         NOT NULL,
    -- lineage: every row can be traced to the object, the content and the row it came from
    source_key          text COLLATE "C" NOT NULL,
    -- 64 bytes that decode as hex and encode back to themselves are 64 lower-case hex digits; anything else fails
    -- (a character outside 0-9a-f makes decode() raise "invalid hexadecimal digit" instead of a check violation).
    source_sha256       text         NOT NULL
                        CHECK (octet_length(source_sha256) = 64 AND encode(decode(source_sha256, 'hex'), 'hex') = source_sha256),
    source_row          integer      NOT NULL CHECK (source_row >= 1),
    loaded_at           timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (student_id, term)
);

-- A key's rows are found through block ranges: a file's rows are written together, and keeping a BRIN costs almost
-- nothing per inserted row, where a B-tree was one of the largest costs of a large merge. There is no
-- (school_id, term) index: reports aggregate whole terms, and keeping one in random order was the most expensive
-- part of inserting a row.
CREATE INDEX student_metrics_source_key ON core.student_metrics USING brin (source_key) WITH (autosummarize = on);


-- ---------------------------------------------------------------- core.ingestion_ledger
-- One row per load attempt of a file.
CREATE TABLE core.ingestion_ledger (
    ledger_id       bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_key      text         NOT NULL,
    source_sha256   text         NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    status          text         NOT NULL CHECK (status IN ('loading', 'loaded', 'skipped_duplicate', 'failed')),
    rows_in_file    bigint,
    rows_inserted   bigint,
    rows_replaced   bigint,
    rows_removed    bigint,
    rows_kept_newer bigint,
    started_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    error           text
);

CREATE INDEX ingestion_ledger_sha ON core.ingestion_ledger (source_sha256);
CREATE INDEX ingestion_ledger_key ON core.ingestion_ledger (source_key, started_at DESC);


-- ---------------------------------------------------------------- core.student_metrics_staging
-- Where a cleaned file lands before the merge: exactly the columns of a cleaned file, in its order, then the
-- lineage of the file (object key and content hash). The local loader COPYs into it inside the merge's
-- transaction; the Glue job INSERTs through JDBC and then calls the same merge.
-- No constraints and no index: the merge validates every row against core.student_metrics, and a staged file is
-- read once, whole. UNLOGGED because staged rows are transient: after a crash they are simply loaded again.
-- The loader does not send a file's key and hash with each row (they were half the bytes of a COPY): it sets them
-- once per transaction (set_config('student_metrics.source_key', ..., true) and 'student_metrics.source_sha256')
-- and the defaults take them from there. A writer that names the columns (the Glue job) is unaffected; one that
-- sets neither gets NULL, which the table refuses.
CREATE UNLOGGED TABLE core.student_metrics_staging (
    student_id          text COLLATE "C",
    school_id           text COLLATE "C",
    grade_level         smallint,
    term                text COLLATE "C",
    math_score          numeric(5,2),
    reading_score       numeric(5,2),
    science_score       numeric(5,2),
    gpa                 numeric(3,2),
    days_enrolled       smallint,
    days_present        smallint,
    tardies             integer,
    behavior_incidents  integer,
    recorded_on         date,
    source_row          integer,
    source_key          text COLLATE "C" NOT NULL DEFAULT current_setting('student_metrics.source_key', true),
    source_sha256       text NOT NULL DEFAULT current_setting('student_metrics.source_sha256', true)
);

COMMENT ON TABLE core.student_metrics_staging IS
    'Cleaned rows waiting for core.merge_staged(ledger_id); rows of one file are identified by (source_key, source_sha256).';


-- ---------------------------------------------------------------- privileges
-- Who may do what. The owner (which runs the migrations) owns everything; the loader may only stage rows and call
-- the load functions (each function's R__ script grants that); the reporting role may only read the reporting schema.

-- Nobody but the product's roles connects, and nobody creates temporary tables (a way to write).
DO $db$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO student_metrics_loader, student_metrics_reporting', current_database());
END
$db$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA core FROM PUBLIC;
REVOKE ALL ON SCHEMA reporting FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA core FROM PUBLIC;
-- Functions are executable by PUBLIC unless revoked; the load functions run with the owner's rights.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The loader: stage rows (COPY and JDBC INSERT; Spark's JDBC writer also probes the table with a SELECT).
GRANT USAGE ON SCHEMA core TO student_metrics_loader;
GRANT SELECT, INSERT ON core.student_metrics_staging TO student_metrics_loader;

-- Reporting: the reporting schema only. Every view the owner creates there is readable by it.
GRANT USAGE ON SCHEMA reporting TO student_metrics_reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO student_metrics_reporting;


-- ---------------------------------------------------------------- reporting.settings
-- Settings the reporting views read, as one row an administrator can change with UPDATE (no redeploy):
--   min_group_size              groups with fewer students than this are suppressed in every aggregate view
--                               (student privacy rules: no individual may be identifiable from a published number)
--   chronic_absence_below       a student present on less than this share of enrolled days is chronically absent
--   at_risk_score_below         a subject score below this counts as failing the subject (early-warning "course" indicator)
--   at_risk_incidents_at_least  this many behaviour incidents in a term is the early-warning "behaviour" indicator
--   stale_after_days            a school whose latest load is older than this is flagged in reporting.data_freshness
-- The row may be updated, never removed: reporting_internal.refuse_settings_removal's trigger refuses it.
CREATE TABLE reporting.settings (
    singleton                   boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
    min_group_size              integer      NOT NULL DEFAULT 10 CHECK (min_group_size >= 1),
    chronic_absence_below       numeric(4,3) NOT NULL DEFAULT 0.900 CHECK (chronic_absence_below > 0 AND chronic_absence_below <= 1),
    at_risk_score_below         numeric(5,2) NOT NULL DEFAULT 60 CHECK (at_risk_score_below > 0 AND at_risk_score_below <= 100),
    at_risk_incidents_at_least  integer      NOT NULL DEFAULT 3 CHECK (at_risk_incidents_at_least >= 1),
    stale_after_days            integer      NOT NULL DEFAULT 35 CHECK (stale_after_days >= 1)
);

INSERT INTO reporting.settings DEFAULT VALUES;

GRANT SELECT ON reporting.settings TO student_metrics_reporting;

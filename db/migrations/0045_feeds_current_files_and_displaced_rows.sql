-- Stored rows are a function of the current raw files, for every feed, through one merge (the feed spec's "Loading
-- and idempotency"):
--
-- * core.feeds: each feed's table and the parts of its contract the merge needs (key, recency, school column). A
--   feed's migration adds its row; the contract check (student-metrics contracts check) holds the row to the
--   contract file.
-- * The ledger records, per attempt, the feed and the version of the raw key it loads: S3's version id, its upload
--   time (LastModified), the event's sequencer and its ordinal among the key's versions, which order two versions of
--   one key (core.version_order). 'skipped_stale' is an attempt that came
--   after a newer version of its key had been loaded; rows_restored counts rows of other files brought back.
-- * core.current_files: the version of each raw key the database holds. Loading content that is already its key's
--   current content changes nothing; a version older than the current one changes nothing; anything else is the key's
--   new version, and those bytes become current (re-uploading an older export's exact bytes included).
-- * core.student_metrics_displaced: rows of current files that another file's row beats for the same (student_id,
--   term). The merge keeps them so that, when the file holding the winner withdraws it (a new version without the row),
--   the best of them is stored again: no upload can remove another file's rows for good.
-- * core.student_metrics.source_uploaded_at: the upload time of the row's version, which decides a tie of
--   recorded_on between files (then the greater object key). Rows loaded before versions were recorded take their
--   load time.

CREATE TABLE core.feeds (
    feed            text PRIMARY KEY CHECK (feed ~ '^[a-z][a-z0-9_]*$'),
    stored_table    text NOT NULL UNIQUE CHECK (stored_table ~ '^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$'),
    -- Empty: a row is identified by its file and row number (a feed without ids); nothing competes across files.
    key_columns     text[] NOT NULL,
    recency_column  text,
    school_column   text
);

COMMENT ON TABLE core.feeds IS
    'Each feed the merge can load: its table (TABLE_staging and, for a keyed feed, TABLE_displaced beside it) and contract facts.';

INSERT INTO core.feeds (feed, stored_table, key_columns, recency_column, school_column)
VALUES ('student_metrics', 'core.student_metrics', ARRAY['student_id', 'term'], 'recorded_on', 'school_id');

ALTER TABLE core.ingestion_ledger
    ADD COLUMN feed               text REFERENCES core.feeds DEFAULT 'student_metrics',
    ADD COLUMN source_version     text,
    ADD COLUMN source_uploaded_at timestamptz,
    ADD COLUMN source_sequencer   text CHECK (source_sequencer ~ '^[0-9A-Fa-f]{1,64}$'),
    ADD COLUMN source_version_ordinal bigint CHECK (source_version_ordinal >= 1),
    ADD COLUMN rows_restored      bigint,
    DROP CONSTRAINT ingestion_ledger_status_check,
    ADD CONSTRAINT ingestion_ledger_status_check CHECK (status IN ('loading', 'loaded', 'skipped_duplicate', 'skipped_stale', 'failed'));

UPDATE core.ingestion_ledger SET source_uploaded_at = started_at;
-- begin_load always says; an entry written some other way stands for an upload when it was written.
ALTER TABLE core.ingestion_ledger ALTER COLUMN feed SET NOT NULL, ALTER COLUMN source_uploaded_at SET NOT NULL,
    ALTER COLUMN source_uploaded_at SET DEFAULT now();

CREATE TABLE core.current_files (
    source_key          text COLLATE "C" PRIMARY KEY,
    feed                text NOT NULL REFERENCES core.feeds,
    source_sha256       text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    source_version      text,
    source_uploaded_at  timestamptz NOT NULL,
    source_sequencer    text,
    source_version_ordinal bigint,
    ledger_id           bigint NOT NULL REFERENCES core.ingestion_ledger,
    loaded_at           timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE core.current_files IS
    'The version of each raw key the stored rows come from: the last one loaded, which no older version can replace.';

-- What the ledger says each key holds now: its last successful load.
INSERT INTO core.current_files (source_key, feed, source_sha256, source_uploaded_at, ledger_id, loaded_at)
SELECT DISTINCT ON (l.source_key) l.source_key, l.feed, l.source_sha256, l.source_uploaded_at, l.ledger_id, coalesce(l.finished_at, l.started_at)
FROM core.ingestion_ledger l
WHERE l.status = 'loaded'
ORDER BY l.source_key, l.finished_at DESC NULLS LAST, l.ledger_id DESC;

ALTER TABLE core.student_metrics ADD COLUMN source_uploaded_at timestamptz;
UPDATE core.student_metrics SET source_uploaded_at = loaded_at;
-- The merge always says; a row written some other way (by hand, by a test) stands for an upload when it was written.
ALTER TABLE core.student_metrics ALTER COLUMN source_uploaded_at SET NOT NULL, ALTER COLUMN source_uploaded_at SET DEFAULT now();

-- The same columns and CHECKs as core.student_metrics, a key per (student_id, term, file).
CREATE TABLE core.student_metrics_displaced (LIKE core.student_metrics INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE core.student_metrics_displaced ADD PRIMARY KEY (student_id, term, source_key);
CREATE INDEX student_metrics_displaced_source_key ON core.student_metrics_displaced (source_key);

COMMENT ON TABLE core.student_metrics_displaced IS
    'Rows of current files that another file''s row beats for the same (student_id, term); one is stored again when the winner is withdrawn.';

-- The stored form of the student_metrics feed (contract version 1) and the ledger of every file loaded.
-- Types follow ../shared/spec/student-metrics-feed.md: ids upper-cased text, scores numeric(5,2), gpa numeric(3,2).

CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS reporting;

CREATE TABLE core.student_metrics (
    student_id          text         NOT NULL CHECK (student_id ~ '^[A-Z0-9_-]{1,20}$'),
    term                text         NOT NULL CHECK (term ~ '^\d{4}-\d{4}-(S1|S2|T1|T2|T3|Q1|Q2|Q3|Q4|FY)$'),
    school_id           text         NOT NULL CHECK (school_id ~ '^[A-Z0-9_-]{1,20}$'),
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
    source_key          text         NOT NULL,
    source_sha256       text         NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    source_row          integer      NOT NULL CHECK (source_row >= 1),
    loaded_at           timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (student_id, term)
);

CREATE INDEX student_metrics_source_key ON core.student_metrics (source_key);
CREATE INDEX student_metrics_school_term ON core.student_metrics (school_id, term);

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

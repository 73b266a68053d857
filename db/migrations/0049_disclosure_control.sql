-- Reporting reads snapshots refreshed after each load, not live views over core.student_metrics, and every published
-- number passes one disclosure-control component (db/README.md, "Reporting and disclosure control"). This script holds
-- the tables, columns, settings and grants of that change; the functions and views that fill and read them are
-- R__reporting*.sql, R__reporting_internal.*.sql and R__core.refresh_reporting.sql / record_*.sql.

-- ---------------------------------------------------------------- the ledger: quarantined attempts and their schools
-- The ledger records every attempt at a file, quarantined ones included, and which schools the file held, so that
-- freshness per school can show the latest attempt whatever became of it.
ALTER TABLE core.ingestion_ledger DROP CONSTRAINT ingestion_ledger_status_check;
ALTER TABLE core.ingestion_ledger ADD CONSTRAINT ingestion_ledger_status_check
    CHECK (status IN ('loading', 'loaded', 'skipped_duplicate', 'skipped_stale', 'failed', 'quarantined'));

CREATE TABLE core.ingestion_ledger_schools (
    ledger_id  bigint NOT NULL REFERENCES core.ingestion_ledger (ledger_id) ON DELETE CASCADE,
    school_id  text   COLLATE "C" NOT NULL,
    PRIMARY KEY (ledger_id, school_id)
);
CREATE INDEX ingestion_ledger_schools_school ON core.ingestion_ledger_schools (school_id);

-- ---------------------------------------------------------------- the live views go
-- They read core.student_metrics at query time; their replacements (same names, R__reporting.*.sql) read the snapshot.
-- Dropped here because the settings column they read changes below; IF EXISTS because a fresh database runs the
-- versioned scripts before any repeatable one. group_suppression, student_terms and suppression_reason have no
-- successor: disclosure control decides every cell (their R__ files are gone).
DROP VIEW IF EXISTS reporting.attendance_rate, reporting.chronic_absence, reporting.average_scores, reporting.score_bands,
          reporting.students_at_risk, reporting.data_freshness;
DROP VIEW IF EXISTS reporting_internal.group_suppression, reporting_internal.student_terms;
DROP FUNCTION IF EXISTS reporting_internal.suppression_reason(text, bigint, integer);

-- ---------------------------------------------------------------- settings
-- Chronic absence as the field defines it: missing 10% or more of enrolled days (a student absent exactly 10% is
-- chronically absent), counted only for students enrolled at least min_enrolled_days. A database that had changed
-- chronic_absence_below keeps the same line (missed at least 1 - below).
ALTER TABLE reporting.settings
    ADD COLUMN chronic_absence_missed_at_least numeric(4,3) NOT NULL DEFAULT 0.100
        CHECK (chronic_absence_missed_at_least > 0 AND chronic_absence_missed_at_least <= 1),
    ADD COLUMN min_enrolled_days integer NOT NULL DEFAULT 10 CHECK (min_enrolled_days BETWEEN 1 AND 366);
UPDATE reporting.settings SET chronic_absence_missed_at_least = 1 - chronic_absence_below;
-- A threshold of 1 would publish single students; under 10 needs a logged override (R__reporting_internal.guard_settings_change.sql).
ALTER TABLE reporting.settings
    DROP COLUMN chronic_absence_below,
    ADD CONSTRAINT settings_min_group_size_at_least_two CHECK (min_group_size >= 2);

-- Every change of reporting.settings, who made it, and the reason given for an override (a threshold under 10).
CREATE TABLE reporting.settings_changes (
    change_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    changed_by       text        NOT NULL DEFAULT session_user,
    previous         jsonb       NOT NULL,
    current          jsonb       NOT NULL,
    override_reason  text
);

-- Overrides of the privacy rules that are not settings (releasing changes held back), logged like settings changes.
CREATE TABLE reporting.disclosure_overrides (
    override_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    made_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    made_by      text        NOT NULL DEFAULT session_user,
    action       text        NOT NULL,
    reason       text        NOT NULL CHECK (length(btrim(reason)) > 0)
);

-- The released state of every school x grade x term cell: additive aggregates of its students as of the refresh
-- that last released it. A cell whose students changed since then, but fewer than min_group_size of them, is held
-- at its released state (pending_changes says how many changed) so that two snapshots never differ by a few students.
CREATE TABLE reporting_internal.cells (
    term                 text     COLLATE "C" NOT NULL,
    school_id            text     COLLATE "C" NOT NULL,
    grade_level          smallint NOT NULL,
    released_at          timestamptz NOT NULL,
    pending_changes      bigint   NOT NULL DEFAULT 0,
    students             bigint   NOT NULL,
    attendance_students  bigint   NOT NULL,
    days_enrolled        bigint   NOT NULL,
    days_present         bigint   NOT NULL,
    chronically_absent   bigint   NOT NULL,
    math_students        bigint   NOT NULL,
    math_sum             numeric  NOT NULL,
    math_band_1          bigint   NOT NULL,
    math_band_2          bigint   NOT NULL,
    math_band_3          bigint   NOT NULL,
    math_band_4          bigint   NOT NULL,
    math_band_5          bigint   NOT NULL,
    reading_students     bigint   NOT NULL,
    reading_sum          numeric  NOT NULL,
    reading_band_1       bigint   NOT NULL,
    reading_band_2       bigint   NOT NULL,
    reading_band_3       bigint   NOT NULL,
    reading_band_4       bigint   NOT NULL,
    reading_band_5       bigint   NOT NULL,
    science_students     bigint   NOT NULL,
    science_sum          numeric  NOT NULL,
    science_band_1       bigint   NOT NULL,
    science_band_2       bigint   NOT NULL,
    science_band_3       bigint   NOT NULL,
    science_band_4       bigint   NOT NULL,
    science_band_5       bigint   NOT NULL,
    at_risk              bigint   NOT NULL,
    multiple_indicators  bigint   NOT NULL,
    low_scores           bigint   NOT NULL,
    many_incidents       bigint   NOT NULL,
    PRIMARY KEY (term, school_id, grade_level)
);

-- Which files' rows a released cell held, and how many: the next refresh counts the students that changed by
-- comparing compositions (a file's content is fixed, so its rows in a cell are the same rows while their count is).
CREATE TABLE reporting_internal.cell_sources (
    term           text     COLLATE "C" NOT NULL,
    school_id      text     COLLATE "C" NOT NULL,
    grade_level    smallint NOT NULL,
    source_sha256  text     COLLATE "C" NOT NULL,
    students       bigint   NOT NULL,
    PRIMARY KEY (term, school_id, grade_level, source_sha256)
);

-- The generic input of disclosure control: for every feed, measure and term, the cells of a two-way table
-- (row_key x col_key, e.g. school x grade) with the students behind each. Published numbers are the table's
-- margins: each row, each column, and the total.
--   kind 'base'       a group of students (n); shown when n >= min_group_size
--   kind 'indicator'  c of the n students of base_measure have it; part numbers a measure whose parts add up to n
--                     (score bands), which are shown or hidden together
--   kind 'ratio'      num / den over the n students of base_measure (attendance rate; a mean score as a share of 100)
CREATE TABLE reporting_internal.disclosure_cells (
    feed          text     COLLATE "C" NOT NULL,
    measure       text     COLLATE "C" NOT NULL,
    part          smallint NOT NULL DEFAULT 1,
    kind          text     NOT NULL CHECK (kind IN ('base', 'indicator', 'ratio')),
    base_measure  text     COLLATE "C",
    term          text     COLLATE "C" NOT NULL,
    row_key       text     COLLATE "C" NOT NULL,
    col_key       text     COLLATE "C" NOT NULL,
    n             bigint   NOT NULL CHECK (n >= 0),
    c             bigint,
    num           numeric,
    den           numeric,
    PRIMARY KEY (feed, measure, part, term, row_key, col_key),
    CHECK ((kind = 'base') = (base_measure IS NULL))
);

-- The decision for every published margin: shown, coded (a range instead of the value) or suppressed, and why.
--   scope  'total', 'row' (row_key set) or 'column' (col_key set)
--   code_op, code_bound  for a coded value: the value is code_op code_bound ('<' 0.04 reads "under 4%")
CREATE TABLE reporting_internal.disclosure_decisions (
    feed        text     COLLATE "C" NOT NULL,
    measure     text     COLLATE "C" NOT NULL,
    term        text     COLLATE "C" NOT NULL,
    scope       text     NOT NULL CHECK (scope IN ('total', 'row', 'column')),
    row_key     text     COLLATE "C",
    col_key     text     COLLATE "C",
    n           bigint   NOT NULL,
    status      text     NOT NULL CHECK (status IN ('shown', 'coded', 'suppressed')),
    reason      text     CHECK ((status = 'shown') = (reason IS NULL)),
    code_op     text     CHECK (code_op IN ('<', '>', '≤', '≥')),
    code_bound  numeric,
    UNIQUE NULLS NOT DISTINCT (feed, measure, term, scope, row_key, col_key)
);

-- The student_metrics margins (district, school, grade) with every aggregate, from the released cells, and the
-- disclosure decisions of every measure for that margin ({"measure": {"status", "reason", "op", "bound"}}), so that a
-- view reads one row per group and joins nothing.
CREATE TABLE reporting_internal.group_values (LIKE reporting_internal.cells);
ALTER TABLE reporting_internal.group_values
    DROP COLUMN released_at, DROP COLUMN pending_changes,
    ALTER COLUMN school_id DROP NOT NULL, ALTER COLUMN grade_level DROP NOT NULL,
    ADD COLUMN scope text NOT NULL CHECK (scope IN ('district', 'school', 'grade')),
    ADD COLUMN group_key text COLLATE "C" NOT NULL,
    ADD COLUMN decisions jsonb NOT NULL;
CREATE UNIQUE INDEX group_values_key ON reporting_internal.group_values (term, scope, school_id, grade_level) NULLS NOT DISTINCT;

-- The term dimension: every term with data, its school year, period and nominal dates, in order.
CREATE TABLE reporting.terms (
    term              text     COLLATE "C" PRIMARY KEY,
    school_year       text     NOT NULL,
    school_year_start integer  NOT NULL,
    period            text     NOT NULL,
    period_type       text     NOT NULL CHECK (period_type IN ('quarter', 'trimester', 'semester', 'full_year')),
    period_number     smallint NOT NULL,
    starts_on         date     NOT NULL,
    ends_on           date     NOT NULL,
    term_order        integer  NOT NULL,
    is_latest         boolean  NOT NULL
);

-- When the snapshot was last refreshed, with what, and how much is held back.
CREATE TABLE reporting.refresh_status (
    singleton        boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    refreshed_at     timestamptz NOT NULL,
    stored_rows      bigint      NOT NULL,
    min_group_size   integer     NOT NULL,
    held_cells       bigint      NOT NULL,
    refresh_ms       integer     NOT NULL
);

-- When each school's data last arrived, as of the last refresh (reporting.data_freshness reads it instead of scanning
-- core.student_metrics at query time, and so agrees with the figures beside it).
CREATE TABLE reporting_internal.school_loads (
    school_id             text        COLLATE "C" PRIMARY KEY,
    last_loaded_at        timestamptz NOT NULL,
    latest_recorded_on    date,
    source_files          bigint      NOT NULL,
    latest_source_key     text        COLLATE "C" NOT NULL,
    latest_source_sha256  text        COLLATE "C" NOT NULL
);

-- Relations that publish nothing about students (the auditor reads these comments; every other relation of the
-- reporting schema must say what each of its columns publishes).
COMMENT ON TABLE reporting.terms IS 'disclosure: none (the term dimension)';
COMMENT ON TABLE reporting.refresh_status IS 'disclosure: none (when the snapshot was refreshed)';
COMMENT ON TABLE reporting.settings IS 'disclosure: none (thresholds)';
COMMENT ON TABLE reporting.settings_changes IS 'disclosure: none (the settings log)';
COMMENT ON TABLE reporting.disclosure_overrides IS 'disclosure: none (the override log)';

GRANT SELECT ON reporting.terms, reporting.refresh_status, reporting.settings_changes, reporting.disclosure_overrides
    TO student_metrics_reporting;

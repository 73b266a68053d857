-- Where a cleaned file lands before the merge: exactly the columns of a cleaned file, in its order, then the
-- lineage of the file (object key and content hash). The local loader COPYs into it inside the merge's
-- transaction; the Glue job INSERTs through JDBC and then calls the same merge.
-- No constraints and no index: the merge validates every row against core.student_metrics, and a staged file is
-- read once, whole. UNLOGGED because staged rows are transient: after a crash they are simply loaded again.

CREATE UNLOGGED TABLE core.student_metrics_staging (
    student_id          text,
    school_id           text,
    grade_level         smallint,
    term                text,
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
    source_key          text NOT NULL,
    source_sha256       text NOT NULL
);

COMMENT ON TABLE core.student_metrics_staging IS
    'Cleaned rows waiting for core.merge_staged(ledger_id); rows of one file are identified by (source_key, source_sha256).';

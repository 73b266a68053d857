-- The kaggle_exam_scores feed (contracts/kaggle_exam_scores.v1.json, version 1.0): its tables, written from the contract.
-- "Students Performance in Exams" (Kaggle): one row per student, with background and three exam scores (0-100). The export carries no student id and no school.

CREATE TABLE core.kaggle_exam_scores (
    gender                 text NOT NULL CHECK (gender IN ('female', 'male')),
    race_ethnicity         text NOT NULL CHECK (race_ethnicity IN ('group A', 'group B', 'group C', 'group D', 'group E')),
    parental_education     text NOT NULL CHECK (parental_education IN ('some high school', 'high school', 'some college', 'associate''s degree', 'bachelor''s degree', 'master''s degree')),
    lunch                  text NOT NULL CHECK (lunch IN ('standard', 'free/reduced')),
    test_preparation       text NOT NULL CHECK (test_preparation IN ('none', 'completed')),
    math_score             smallint NOT NULL CHECK (math_score BETWEEN 0 AND 100),
    reading_score          smallint NOT NULL CHECK (reading_score BETWEEN 0 AND 100),
    writing_score          smallint NOT NULL CHECK (writing_score BETWEEN 0 AND 100),
    source_row             integer NOT NULL CHECK (source_row >= 1),
    source_key             text COLLATE "C" NOT NULL,
    source_sha256          text NOT NULL CHECK (octet_length(source_sha256) = 64 AND encode(decode(source_sha256, 'hex'), 'hex') = source_sha256),
    source_uploaded_at     timestamptz NOT NULL DEFAULT now(),
    loaded_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_key, source_row)
);

CREATE UNLOGGED TABLE core.kaggle_exam_scores_staging (
    gender                 text,
    race_ethnicity         text,
    parental_education     text,
    lunch                  text,
    test_preparation       text,
    math_score             smallint,
    reading_score          smallint,
    writing_score          smallint,
    source_row             integer,
    source_key             text COLLATE "C" NOT NULL DEFAULT current_setting('student_metrics.source_key', true),
    source_sha256          text NOT NULL DEFAULT current_setting('student_metrics.source_sha256', true)
);

GRANT SELECT, INSERT ON core.kaggle_exam_scores_staging TO student_metrics_loader;

INSERT INTO core.feeds (feed, stored_table, key_columns, recency_column, school_column)
VALUES ('kaggle_exam_scores', 'core.kaggle_exam_scores', '{}', NULL, NULL);

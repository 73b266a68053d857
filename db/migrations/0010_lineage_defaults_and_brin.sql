-- Cheaper loads, same data.
--
-- * The loader no longer sends a file's key and hash with each of its rows (they were half the bytes of a COPY):
--   it sets them once per transaction (set_config('student_metrics.source_key', ..., true) and
--   'student_metrics.source_sha256') and the staging table takes them from there. A writer that names the
--   columns (the Glue job) is unaffected; one that sets neither gets NULL, which the table refuses.
-- * core.student_metrics finds a key's rows through a BRIN index instead of a B-tree: a file's rows are written
--   together, so block ranges locate them, and keeping the index costs almost nothing per inserted row, where the
--   B-tree was one of the largest costs of a large merge.

ALTER TABLE core.student_metrics_staging
    ALTER COLUMN source_key SET DEFAULT current_setting('student_metrics.source_key', true),
    ALTER COLUMN source_sha256 SET DEFAULT current_setting('student_metrics.source_sha256', true);

DROP INDEX core.student_metrics_source_key;
CREATE INDEX student_metrics_source_key ON core.student_metrics USING brin (source_key) WITH (autosummarize = on);

-- The merge's ANALYZE of the staging table only has to tell the planner roughly how many rows one file staged
-- and that they share one key, so a small sample does: 3,000 rows instead of 30,000 (statistics target 10
-- instead of 100). On a million staged rows the sample went from 0.3-0.4 s to under 0.05 s.
-- The setting applies to everything merge_staged runs, and only the ANALYZE reads it. Like 0011's, a later
-- CREATE OR REPLACE of core.merge_staged must carry it in its SET clauses.

ALTER FUNCTION core.merge_staged(bigint, bigint) SET default_statistics_target = 10;

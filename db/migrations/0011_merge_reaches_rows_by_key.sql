-- The merge reaches core.student_metrics through its indexes only, whatever the table's statistics say.
--
-- Found by make bench: once autovacuum (or anyone) had analysed core.student_metrics while it was empty, the
-- planner took it for a one-row table and planned the merge's "not there yet" test as a nested loop that scans
-- the whole table once per staged row. The table grows while the INSERT runs, so a million-row file took longer
-- than anyone waited (13 minutes and counting), and a file of N rows scanned the table N times.
-- With sequential scans off for the merge, every lookup of a (student_id, term) is a primary-key probe: the cost
-- per row no longer depends on how many rows the table has or on when it was last analysed. The staging table has
-- no index, so it is still read sequentially (a plan with one unavoidable sequential scan still wins).
--
-- A later CREATE OR REPLACE of core.merge_staged must keep this setting in its SET clauses;
-- tests/StudentMetrics.IntegrationTests/Database/MergePlanTests.cs fails if it is lost.

ALTER FUNCTION core.merge_staged(bigint, bigint) SET enable_seqscan = off;

-- Who may do what. The owner (which runs these migrations) owns everything; the loader may only stage rows and
-- call the load functions; the reporting role may only read views in the reporting schema.

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
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA core FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The loader: stage rows (COPY and JDBC INSERT; Spark's JDBC writer also probes the table with a SELECT) and load.
GRANT USAGE ON SCHEMA core TO student_metrics_loader;
GRANT SELECT, INSERT ON core.student_metrics_staging TO student_metrics_loader;
GRANT EXECUTE ON FUNCTION core.begin_load(text, text) TO student_metrics_loader;
GRANT EXECUTE ON FUNCTION core.merge_staged(bigint, bigint) TO student_metrics_loader;
GRANT EXECUTE ON FUNCTION core.fail_load(bigint, text) TO student_metrics_loader;

-- Reporting: the reporting schema only. Every view the owner creates there later is readable by it, so a
-- migration that adds a view needs no grant of its own (it may still grant explicitly).
GRANT USAGE ON SCHEMA reporting TO student_metrics_reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO student_metrics_reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO student_metrics_reporting;

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

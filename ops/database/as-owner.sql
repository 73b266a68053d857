-- After the first migrate, once, as student_metrics_owner (the owner secret's credentials): the login the Glue job
-- connects with. The migrations create student_metrics_loader as a NOLOGIN group, as every product role is; Glue
-- logs in as a member of it. The owner runs this because it created the group (PostgreSQL 16 gives ADMIN on a
-- role only to its creator; the RDS master is not a superuser and has none).
--   psql -h HOST -U student_metrics_owner -d student_metrics -v ON_ERROR_STOP=1 -v loader_password="$(pw loader)" -f ops/database/as-owner.sql
CREATE ROLE student_metrics_glue LOGIN PASSWORD :'loader_password' IN ROLE student_metrics_loader;

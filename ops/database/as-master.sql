-- Before the first deploy, once, as the database's administrator: on RDS the master user, which is NOT a
-- superuser (it has CREATEROLE and CREATEDB). Creates the owner role the migrations run as, and its database.
--   psql -h HOST -U MASTER -d postgres -v ON_ERROR_STOP=1 -v owner_password="$(pw owner)" -f ops/database/as-master.sql
-- The local stack runs this file as a non-superuser with CREATEROLE and CREATEDB, the way RDS's master is.
CREATE ROLE student_metrics_owner LOGIN CREATEROLE PASSWORD :'owner_password';
-- CREATE DATABASE ... OWNER needs the creator to be able to SET ROLE to the owner: a superuser always can, the RDS
-- master only once it is a member (PostgreSQL 16 no longer makes the creator of a role a usable member of it).
GRANT student_metrics_owner TO CURRENT_USER;
CREATE DATABASE student_metrics OWNER student_metrics_owner;

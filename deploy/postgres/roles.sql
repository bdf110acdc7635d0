-- Creates the platform's roles and the `commerce` database; safe to run
-- again. Run it as a superuser with psql, setting the variables
-- owner_password and app_password (an empty value leaves the role without
-- a password, for clusters that only trust local sockets).
--
-- commerce_owner owns every table and runs the migrations.
-- commerce_app is what the services connect as: it owns nothing and cannot
-- bypass row-level security, so the tenant policies always apply to it.
\set ON_ERROR_STOP on

SELECT 'CREATE ROLE commerce_owner'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'commerce_owner') \gexec
SELECT 'CREATE ROLE commerce_app'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'commerce_app') \gexec

-- PostgreSQL clears the password when it is set to an empty string.
SET client_min_messages = warning;
ALTER ROLE commerce_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE commerce_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
RESET client_min_messages;

SELECT 'CREATE DATABASE commerce OWNER commerce_owner ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'commerce') \gexec

\connect commerce
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE commerce FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE commerce TO commerce_app;

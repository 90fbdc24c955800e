-- Citus only; a no-op on PGlite and on a plain PostgreSQL (docs/SCALE.md, section 4).
-- 1. Citus opens its connections to the workers as the current role, so mwsp_app must be allowed to
--    log in there. It gets no password: no password-based method (scram-sha-256, md5) can admit it;
--    only the cluster's own inter-node authentication (certificate, or a trust line limited to the
--    coordinator's address in the workers' pg_hba.conf) does. It stays neither superuser, owner nor
--    BYPASSRLS, so RLS applies to it on every node. ALTER ROLE is propagated to the workers by Citus.
-- 2. db/client.ts sets the scope with SET LOCAL; the coordinator forwards SET LOCAL to the workers'
--    connections of the transaction only with citus.propagate_set_commands = 'local'. A database
--    default: new sessions of this database get it (the application's pool opens after migrating).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'mwsp_app') THEN
      ALTER ROLE mwsp_app LOGIN; -- only when missing: see the GRANT of 0001
    END IF;
    EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local');
  END IF;
END $$;

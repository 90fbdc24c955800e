-- Citus only (a no-op on PGlite and on a plain PostgreSQL): the platform's small, read-everywhere tables
-- become reference tables, replicated to every node (docs/SCALE.md §6; the list is REFERENCE_TABLES_IN_ORDER
-- of apps/server/src/db/placement.ts, and tools/test/citus-placement.citus.test.ts checks they agree).
-- Every local table with a foreign key into them becomes a Citus local table on the coordinator, which is
-- why 0017–0020 first gave every table subquery-free policies and removed the transition-table triggers.
-- Nothing else in the code knows the engine.

-- Citus serialises a write to a reference table by also locking, on the first worker, the reference tables
-- it references (users → regions and departments, departments → regions, …), and that lock asks the writer
-- for a write privilege on them (lock_shard_resources: UPDATE, DELETE or TRUNCATE; INSERT for an insert).
-- The application never writes the region tree (the owner loads it): mwsp_app gets INSERT and UPDATE for
-- the lock only, and row-level security with a read-only policy refuses its inserts and gives its updates no
-- row to change — the same on every engine.
ALTER TABLE regions ENABLE ROW LEVEL SECURITY;
CREATE POLICY regions_read ON regions FOR SELECT USING (true);
GRANT INSERT, UPDATE ON regions TO mwsp_app;
DO $$
DECLARE t text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    FOREACH t IN ARRAY ARRAY['regions', 'departments', 'roles', 'calendar_years', 'calendar_days', 'settings',
                             'users', 'user_roles'] LOOP
      -- regions first: the tables with a foreign key into it have just become Citus local tables
      -- (partmethod 'n', repmodel 's'); create_reference_table converts those too.
      IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass AND repmodel = 't') THEN
        PERFORM create_reference_table(t);
      END IF;
    END LOOP;
  END IF;
END $$;

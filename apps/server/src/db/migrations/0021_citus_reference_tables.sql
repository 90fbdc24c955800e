-- Citus only (a no-op on PGlite and on a plain PostgreSQL): the platform's small, read-everywhere tables
-- become reference tables, replicated to every node (docs/SCALE.md §6; the list is REFERENCE_TABLES_IN_ORDER
-- of apps/server/src/db/placement.ts, and tools/test/citus-placement.citus.test.ts checks they agree).
-- Every local table with a foreign key into them becomes a Citus local table on the coordinator, which is
-- why 0017–0020 first gave every table subquery-free policies and removed the transition-table triggers.
-- Nothing else in the code knows the engine.
DO $$
DECLARE t text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    FOREACH t IN ARRAY ARRAY['regions', 'departments', 'roles', 'calendar_years', 'calendar_days', 'settings',
                             'users', 'user_roles'] LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass) THEN
        PERFORM create_reference_table(t);
      END IF;
    END LOOP;
  END IF;
END $$;

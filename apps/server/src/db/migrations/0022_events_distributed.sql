-- The domain event log is the first distributed table (docs/SCALE.md §6, docs/CONVENTIONS.md "Schema rules"):
-- every event carries county_code — the first 6 digits of its subject's region code, the county (区/县), or
-- the city's own code for a city-level subject — and its key is (county_code, id). On Citus it is hashed on
-- county_code (a no-op elsewhere); the ids stay one sequence, so a subject's timeline still reads in order.
ALTER TABLE events ADD COLUMN county_code text COLLATE "C";
UPDATE events SET county_code = left(region_code, 6);
ALTER TABLE events ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (county_code, id);
-- While the other region-scoped tables are still Citus local tables tied to the reference tables by foreign
-- keys, a transaction may not modify them after a parallel multi-shard statement on a distributed table
-- ("cannot modify table … because there was a parallel operation on a distributed table"; e.g. a merge moves
-- the duplicate's events, then marks the duplicate). Sequential mode runs a multi-shard modification over
-- one connection per node, which Citus can then combine with them. A database default, like 0016's: new
-- sessions get it. To revisit when every region-scoped table is distributed (docs/SCALE.md §6).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('events', 'county_code');
    EXECUTE format('ALTER DATABASE %I SET citus.multi_shard_modify_mode = %L', current_database(), 'sequential');
  END IF;
END $$;

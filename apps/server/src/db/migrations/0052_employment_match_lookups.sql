-- Matching speed (issue #12): a ranking starts by reading its subject, the seeker or the posting, by id alone (the
-- routes carry no county). The primary keys lead with county_code, so such a lookup scanned the whole primary-key
-- index: 50 ms for 200,000 seekers, growing with the table. A btree on id alone makes it one probe (uuid = is
-- leakproof, so the index serves the app role under row-level security too); on Citus each shard answers from its
-- own index.
--
-- job_seekers_occ (GIN on occ_middles, 0040) serves no query of the app role (&& is not leakproof: see 0051) and
-- the tiers read the slot btrees of 0051 instead; dropped to save its write cost.
--
-- DDL on existing (distributed) tables goes in a DO block (Citus).
DO $$ BEGIN
  CREATE INDEX job_seekers_id ON job_seekers (id);
  CREATE INDEX job_postings_id ON job_postings (id);
  DROP INDEX IF EXISTS job_seekers_occ;
END $$;

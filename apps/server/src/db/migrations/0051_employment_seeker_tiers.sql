-- Matching speed (issue #12): the top seekers for a posting are read tier by tier (modules/employment/seekerTiers.ts),
-- each tier an index-served predicate with a static upper bound of its rows' scores; a floor (the current N-th exact
-- score) skips whole tiers and caps the seekers' minimum wage in the others.
--
-- Under row-level security a WHERE clause can use an index only through LEAKPROOF operators: the array operators
-- (&&, @>) and the jsonb ones are not, so the GIN on occ_middles serves no query of mwsp_app. The tiers use btree
-- indexes on scalars instead (text =, integer <=), one per "slot": the first three wanted occupations, the first two
-- skills' codes (stored generated columns: PostgreSQL computes them, the writers stay unchanged), the first two
-- 中类; each with the county (the Citus distribution column) and the minimum wage (the floor's cap). A seeker with
-- more codes than slots (slot_overflow, a generated column too: a plain column is leakproof to test, a function
-- call in an OR would make the whole OR unusable for an index) is in a partial index of its own, read with every
-- tier that needs slots.
-- All limited to the seekers in the pool (seeking or referred).
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  ALTER TABLE job_seekers
    ADD COLUMN skill_code_1 text GENERATED ALWAYS AS (skills -> 0 ->> 'occupationCode') STORED,
    ADD COLUMN skill_code_2 text GENERATED ALWAYS AS (skills -> 1 ->> 'occupationCode') STORED,
    ADD COLUMN slot_overflow boolean GENERATED ALWAYS AS
      (cardinality(occupations) > 3 OR jsonb_array_length(skills) > 2 OR cardinality(occ_middles) > 2) STORED;
END $$;

DO $$ BEGIN
  CREATE INDEX job_seekers_slot_occ1 ON job_seekers ((occupations[1]), county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_occ2 ON job_seekers ((occupations[2]), county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_occ3 ON job_seekers ((occupations[3]), county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_skill1 ON job_seekers (skill_code_1, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_skill2 ON job_seekers (skill_code_2, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_mid1 ON job_seekers ((occ_middles[1]), county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_mid2 ON job_seekers ((occ_middles[2]), county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_slot_overflow ON job_seekers (county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND slot_overflow;
  CREATE INDEX job_seekers_with_places ON job_seekers (county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places <> '{}';
END $$;

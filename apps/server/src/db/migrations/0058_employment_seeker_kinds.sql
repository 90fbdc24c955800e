-- Matching speed (issue #12), second round: the seekers' tiers read through the 中类 slots (township, county,
-- elsewhere: modules/employment/seekerTiers.ts) are split by the seeker's kind, a stored generated column: has skills
-- (2) + preference other than 不限 (1). A seeker without skills has a skills feature of 0 and a 不限 one a preference
-- of 0.5, so each kind has its own static bound and its own cap on the minimum wage; with the kind in the index
-- before the county and the wage (smallint =, leakproof: usable under RLS as mwsp_app) the rows of a kind that cannot
-- reach the floor are left out in the index instead of after a heap read and the bound expression.
-- The slot indexes on the 中类 (0051) are replaced by ones with the kind; the overflow index gets it too.
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  ALTER TABLE job_seekers
    ADD COLUMN match_kind smallint GENERATED ALWAYS AS
      ((CASE WHEN jsonb_array_length(skills) > 0 THEN 2 ELSE 0 END
        + CASE WHEN preference = 'any' THEN 0 ELSE 1 END)::smallint) STORED;
END $$;

DO $$ BEGIN
  CREATE INDEX job_seekers_kind_mid1 ON job_seekers ((occ_middles[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_kind_mid2 ON job_seekers ((occ_middles[2]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  -- The posting's codes as the first occupation in other counties (seekerTiers.ts first-elsewhere), split by kind.
  CREATE INDEX job_seekers_kind_occ1 ON job_seekers ((occupations[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_overflow ON job_seekers (match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND slot_overflow;
END $$;

DO $$ BEGIN
  DROP INDEX job_seekers_slot_mid1;
  DROP INDEX job_seekers_slot_mid2;
END $$;

-- Matching speed (issue #12), match7: the township tier of a posting's seekers (modules/employment/seekerTiers.ts
-- 'township': the posting's township, no wanted place, the 中类 through the slots, by kind, a cap on the minimum wage)
-- had no index of its own. The planner read it by job_seekers_region (region_code, created_at): the whole township,
-- ~8,600 heap rows at 1,000,000 seekers, for the few dozen of the 中类 and the kinds read, because the scope's RLS
-- range on region_code, an index condition there as well, made that index look ~200× more selective than it is.
-- These hold a 中类 slot's rows by kind and place, then the region code, the minimum wage last (its cap checked in the
-- index). The region code is indexed under the POSIX collation, and the arm compares it so (matching.repo.ts armSql):
-- POSIX orders by bytes as the column's "C" does (the same rows), but the C-collated RLS range and
-- job_seekers_region do not match these conditions, so the planner weighs the township arm's paths on its own
-- conditions only (job_seekers_region cannot serve the arm any more).
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  CREATE INDEX job_seekers_kind_town1
    ON job_seekers ((occ_middles[1]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_town2
    ON job_seekers ((occ_middles[2]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
END $$;

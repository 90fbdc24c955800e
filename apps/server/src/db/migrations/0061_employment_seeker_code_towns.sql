-- Matching speed (issue #12), match8: the posting's codes in its county are read in two tiers
-- (modules/employment/seekerTiers.ts): the posting's township (distance 1) and the whole county at distance 0.7,
-- whose tighter wage cap leaves out most of the county's rows. The township's tiers (first-town, codes-town) need
-- the region after the kind in the codes' slot indexes, as job_seekers_kind_town1/2 of 0060 for the 中类: the
-- code's rows by kind, then the region code under the POSIX collation (the arm's range, matching.repo.ts armSql),
-- the minimum wage last (its cap checked in the index). The overflow rows (few) stay on job_seekers_kind_overflow.
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  CREATE INDEX job_seekers_town_occ1
    ON job_seekers ((occupations[1]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_town_occ2
    ON job_seekers ((occupations[2]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_town_occ3
    ON job_seekers ((occupations[3]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_town_skill1
    ON job_seekers (skill_code_1, match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_town_skill2
    ON job_seekers (skill_code_2, match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
END $$;

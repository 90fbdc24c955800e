-- Matching speed (issue #12), fourth round of the seeker's kind (0058, 0059; modules/employment/seekerTiers.ts
-- seekerKind): 就地就近 and 外出 get kinds of their own. Until now both were the kind's +1 ("not 不限"), so the other
-- counties' arms (first-elsewhere, codes-elsewhere, elsewhere) fetched the 就地就近 seekers of every other county —
-- half of the synthetic city's seekers, out of those postings' pools — from the slot indexes and dropped them after
-- the heap read (the pool's `preference <> 'local' or county_code = …`; match12's slowest statement fetched 2,368
-- heap rows to keep 861). Now those arms name the 不限 and 外出 kinds only, and in the posting's county a 就地就近 kind
-- (preference 1, housing 0.3) and an 外出 one (0.3, housing 0.5) each have their own static bound.
-- match_kind: 3 × the skills class (0 none, 1 skills, 2 a certificate held: a string certificate in a skill)
--             + the preference (0 不限, 1 就地就近, 2 外出): 0 … 8.
-- The column is rebuilt (a generated column's expression cannot change): dropping it drops every index on it (the
-- slot indexes of 0059, 0060, 0061), rebuilt here as they were.
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  ALTER TABLE job_seekers DROP COLUMN match_kind;
END $$;

DO $$ BEGIN
  ALTER TABLE job_seekers
    ADD COLUMN match_kind smallint GENERATED ALWAYS AS
      ((CASE WHEN jsonb_path_exists(skills, '$[*].certificate ? (@.type() == "string")') THEN 6
             WHEN jsonb_array_length(skills) > 0 THEN 3 ELSE 0 END
        + CASE preference WHEN 'local' THEN 1 WHEN 'outbound' THEN 2 ELSE 0 END)::smallint) STORED;
END $$;

-- 0059: the 中类 slots, the first occupation, the overflow; the later codes and the skills.
DO $$ BEGIN
  CREATE INDEX job_seekers_kind_mid1 ON job_seekers ((occ_middles[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_kind_mid2 ON job_seekers ((occ_middles[2]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_kind_occ1 ON job_seekers ((occupations[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_overflow ON job_seekers (match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND slot_overflow;
  CREATE INDEX job_seekers_kind_occ2 ON job_seekers ((occupations[2]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_occ3 ON job_seekers ((occupations[3]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_skill1 ON job_seekers (skill_code_1, match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_skill2 ON job_seekers (skill_code_2, match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
END $$;

-- 0060: the township's 中类 slots (the region under the POSIX collation: matching.repo.ts armSql).
DO $$ BEGIN
  CREATE INDEX job_seekers_kind_town1
    ON job_seekers ((occ_middles[1]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_town2
    ON job_seekers ((occ_middles[2]), match_kind, region_code COLLATE "POSIX", min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
END $$;

-- 0061: the posting's codes in its township.
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

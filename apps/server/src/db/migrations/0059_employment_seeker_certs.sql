-- Matching speed (issue #12), third round: the seeker's kind (0058, modules/employment/seekerTiers.ts seekerKind) also
-- says whether the seeker holds a certificate. A seeker with skills but no certificate (most of them) has a skills
-- feature of at most 0.6 (a related skill; the certificate share needs a certificate held), so its own static bound:
-- 0.6 × the skills weight under the one of the certificate holders, hence a tighter cap on the minimum wage (or a
-- skipped tier) in the index instead of a heap read and the bound expression per row.
-- match_kind: 2 with skills, + 2 holding a certificate (a string certificate in a skill), + 1 unless 不限: 0 … 5.
-- The column is rebuilt (a generated column's expression cannot change); its indexes of 0058 with it.
--
-- The tiers of the posting's codes (first occupation; later occupations and skills) are split by kind too, in the
-- county as elsewhere, all without wanted places (those seekers are the places tier's): the slot indexes of 0051 on
-- the codes get the kind before the county and the wage and the condition places = '{}' (job_seekers_kind_occ1 of
-- 0058 serves the first occupation); the unsplit ones are dropped.
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  ALTER TABLE job_seekers DROP COLUMN match_kind;
END $$;

DO $$ BEGIN
  ALTER TABLE job_seekers
    ADD COLUMN match_kind smallint GENERATED ALWAYS AS
      ((CASE WHEN jsonb_array_length(skills) > 0 THEN 2 ELSE 0 END
        + CASE WHEN jsonb_path_exists(skills, '$[*].certificate ? (@.type() == "string")') THEN 2 ELSE 0 END
        + CASE WHEN preference = 'any' THEN 0 ELSE 1 END)::smallint) STORED;
END $$;

DO $$ BEGIN
  CREATE INDEX job_seekers_kind_mid1 ON job_seekers ((occ_middles[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_kind_mid2 ON job_seekers ((occ_middles[2]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred');
  CREATE INDEX job_seekers_kind_occ1 ON job_seekers ((occupations[1]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_overflow ON job_seekers (match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND slot_overflow;
END $$;

DO $$ BEGIN
  CREATE INDEX job_seekers_kind_occ2 ON job_seekers ((occupations[2]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_occ3 ON job_seekers ((occupations[3]), match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_skill1 ON job_seekers (skill_code_1, match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
  CREATE INDEX job_seekers_kind_skill2 ON job_seekers (skill_code_2, match_kind, county_code, min_wage_fen)
    WHERE status IN ('seeking', 'referred') AND places = '{}';
END $$;

DO $$ BEGIN
  DROP INDEX job_seekers_slot_occ1;
  DROP INDEX job_seekers_slot_occ2;
  DROP INDEX job_seekers_slot_occ3;
  DROP INDEX job_seekers_slot_skill1;
  DROP INDEX job_seekers_slot_skill2;
END $$;

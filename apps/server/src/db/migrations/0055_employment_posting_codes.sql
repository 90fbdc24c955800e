-- Matching speed (issue #12): the top postings for a seeker are read in two tiers (modules/employment/postingTiers.ts):
-- first the open postings of the seeker's own occupation codes (job_postings_open_code); then the others of its
-- 中类 above the floor, in the seeker's county (job_postings_open_county: 中类, county, a lower bound on the upper
-- wage) and, when the floor leaves them in, the other counties (job_postings_candidates, 0040).
--
-- DDL on an existing (distributed) table goes in a DO block (Citus).
DO $$ BEGIN
  CREATE INDEX job_postings_open_code ON job_postings (occupation_code, wage_max_fen) WHERE status = 'open';
  CREATE INDEX job_postings_open_county ON job_postings (occ_middle, county_code, wage_max_fen) WHERE status = 'open';
END $$;

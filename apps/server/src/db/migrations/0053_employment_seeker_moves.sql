-- Employment (issue #12): a job seeker follows its worker when the worker's residence changes (the registry's
-- worker.updated event; modules/employment/seekerMoves.repo.ts). Within a county the seeker's copies of the
-- residence (region_code on the seeker, its referrals, their outcomes and the seeker's match impressions) are
-- updated; across counties the rows are copied under the new county (parent first) and removed from the old,
-- in the registry's transaction — county_code is the distribution column, which Citus does not let an UPDATE
-- change (docs/CONVENTIONS.md "Schema rules": a row never changes its county).
--
-- The application role gains DELETE on the four tables (the old county's copies) and UPDATE on the two
-- append-only logs (only their region_code is ever updated, by the move). The worker's seeker is found by
-- worker_id alone (the old county is not in the event): an index for it. DDL on existing tables goes in a DO
-- block (Citus).
DO $$ BEGIN
  GRANT DELETE ON job_seekers, referrals, referral_outcomes, match_impressions TO mwsp_app;
  GRANT UPDATE ON referral_outcomes, match_impressions TO mwsp_app;
END $$;

DO $$ BEGIN
  CREATE INDEX job_seekers_worker ON job_seekers (worker_id);
END $$;

-- Employment services, second step (issue #12): the match model's weights become editable (人岗匹配权重, per
-- campaign and the default; city level, audited — modules/employment/match-weights.service.ts).
--
-- match_weights is a small reference table (0040). DDL on an existing table goes in a DO block (Citus).
DO $$ BEGIN
  GRANT INSERT, UPDATE, DELETE ON match_weights TO mwsp_app;
END $$;

-- 创业担保贷款 duplicate check across counties: a person's open (not rejected) applications, keyed by the blind
-- index of the ID number (the registry's, through its port) — a national look-up like worker_ids and
-- training_people (docs/SCALE.md §6, Schema rule 7), distributed on its own key. Read and written by the startup
-- repo under the system scope in the applying transaction, the row locked (FOR UPDATE): two applications of one
-- person in two counties are serialised. The refusal names no other county's data but the county.
CREATE TABLE startup_loan_people (
  id_bidx text COLLATE "C" PRIMARY KEY,
  county_code text COLLATE "C" NOT NULL,             -- the county of the person's first application
  region_code text COLLATE "C" NOT NULL,
  open_loans jsonb NOT NULL DEFAULT '[]'             -- [{loanId, countyCode}] not rejected
);
ALTER TABLE startup_loan_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY startup_loan_people_scope ON startup_loan_people
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON startup_loan_people TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('startup_loan_people', 'id_bidx', colocate_with => 'none');
  END IF;
END $$;

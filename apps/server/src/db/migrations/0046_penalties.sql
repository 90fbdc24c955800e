-- Administrative penalties of labour inspection (行政处罚决定, modules/rights; issue #13 item 4): one row per
-- decision (行政处罚决定书) made on an inspection case (case type inspection, platform/cases): the violation, the
-- penalty kind, the legal basis (a code of the catalogue in packages/domain penalties.ts), the fine in 分, the
-- decision number and dates, and the prior notice (事先告知, with the hearing notice 听证告知 when required).
--
-- Schema rules (docs/CONVENTIONS.md): distributed on the county of the case, co-located with events; key
-- (county_code, id); a decision number unique within its county; the foreign key to the case pairs county_code;
-- no foreign key to a reference table (the employer is the registry's, checked through its port); row-level
-- security on the row's own region, owner and department (the case's, copied by the repo).
CREATE TABLE penalties (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  employer_id uuid,                                 -- the registry's employer (the case's party)
  employer_name text NOT NULL,
  violation_kind text NOT NULL,                     -- VIOLATION_KINDS
  penalty_kind text NOT NULL CHECK (penalty_kind IN ('warning', 'fine', 'rectify', 'confiscate', 'revoke')),
  basis_code text NOT NULL,                         -- PENALTY_BASES
  amount_fen bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  decision_no text COLLATE "C" NOT NULL,            -- 行政处罚决定书文号
  notice_no text NOT NULL,                          -- 行政处罚告知书文号
  noticed_on date NOT NULL,
  hearing_notified boolean NOT NULL,                -- 听证告知 given with the notice
  decided_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, decision_no),
  UNIQUE (county_code, case_id, notice_no),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  CHECK (decided_on >= noticed_on)
);
CREATE INDEX penalties_region ON penalties (region_code, decided_on);
CREATE INDEX penalties_case ON penalties (county_code, case_id);
CREATE INDEX penalties_employer ON penalties (employer_id, decided_on);
ALTER TABLE penalties ENABLE ROW LEVEL SECURITY;
CREATE POLICY penalties_scope ON penalties
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON penalties TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('penalties', 'county_code', colocate_with => 'events');
  END IF;
END $$;

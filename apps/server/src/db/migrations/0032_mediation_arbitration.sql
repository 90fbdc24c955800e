-- Mediation and arbitration (调解、仲裁, modules/rights; issue #13 item 5). A mediation or arbitration case is a case
-- of the case engine (0030); kept here: the mediation organisations (调解组织) and the applicant's filing facts of
-- a mediation or arbitration application filed directly (one opened from a complaint or a failed mediation keeps
-- its applicant on that case).
-- Schema rules (docs/CONVENTIONS.md): distributed, hashed on county_code and co-located with events; keys
-- (county_code, id); no foreign key to a reference table (regions, users, departments, employers); row-level
-- security on the row's own region, owner and department.

-- 调解组织: 企业劳动争议调解委员会, 乡镇街道调解组织, 工会, 商会. Mediators are kept as names (they are no users).
CREATE TABLE mediation_orgs (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('enterprise', 'township', 'union', 'chamber')),
  name text NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  contact text,                                      -- 联系方式 of the organisation (an office phone, not personal)
  mediators jsonb NOT NULL DEFAULT '[]',             -- ["张某某", …]
  active boolean NOT NULL DEFAULT true,
  created_by uuid,                                   -- owner (README "Data scopes"); null: generated demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, name)
);
CREATE INDEX mediation_orgs_region ON mediation_orgs (region_code);
ALTER TABLE mediation_orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_orgs_scope ON mediation_orgs
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON mediation_orgs TO mwsp_app;

-- The applicant of a directly filed mediation or arbitration application (申请人): name and phone encrypted, the
-- registry worker when known, whether the applicant declared being a migrant worker (农民工), the claims.
CREATE TABLE dispute_applicants (
  county_code text COLLATE "C" NOT NULL,
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mediation', 'arbitration')),
  applicant_name_enc text NOT NULL,                  -- SM4 (FieldCipher), context dispute.name
  phone_enc text,                                    -- SM4, context dispute.phone
  worker_id uuid,                                    -- the registry's worker (through its port), when known
  migrant_worker boolean NOT NULL DEFAULT false,     -- declared 农民工
  employer_id uuid,
  employer_name text NOT NULL,
  org_id uuid,                                       -- mediation: the organisation (same county)
  claims jsonb NOT NULL,                             -- [{kind, amountFen, description}]
  claimed_fen bigint NOT NULL DEFAULT 0 CHECK (claimed_fen >= 0),
  filed_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, case_id),
  FOREIGN KEY (county_code, org_id) REFERENCES mediation_orgs (county_code, id)
);
ALTER TABLE dispute_applicants ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispute_applicants_scope ON dispute_applicants
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON dispute_applicants TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('mediation_orgs', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('dispute_applicants', 'county_code', colocate_with => 'events');
  END IF;
END $$;

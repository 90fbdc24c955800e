-- Complaints and reports (投诉举报, modules/rights; issue #13). A complaint is a case of the case engine (0030)
-- plus the facts of its filing, kept here: channel, complainant (encrypted; the phone also as a blind index for
-- the public status look-up), employer and project, the claims with their amounts in 分, the receipt number.
--
-- Receipt numbers: unique nationally without a national look-up table. The number embeds the county
-- (530102-20260302-K7M3Q9), the key is (county_code, receipt_no): two counties cannot produce the same number,
-- and a public look-up names its county, so Citus routes it to one shard.
CREATE TABLE complaints (
  county_code text COLLATE "C" NOT NULL,
  case_id uuid NOT NULL,
  receipt_no text COLLATE "C" NOT NULL,
  channel text NOT NULL CHECK (channel IN ('hotline', 'window', 'web', 'letter', 'grid', 'national', 'transfer')),
  complainant_name_enc text NOT NULL,               -- SM4 (FieldCipher), context complaint.name
  phone_enc text NOT NULL,                          -- SM4, context complaint.phone
  phone_bidx text NOT NULL,                         -- blind index: the public look-up compares it
  worker_id uuid,                                   -- the registry's worker (through its port), when known
  employer_id uuid,                                 -- the registry's employer, when known
  employer_name text NOT NULL,
  project_name text,
  group_size integer CHECK (group_size IS NULL OR group_size >= 2),
  claims jsonb NOT NULL,                            -- [{kind, amountFen, description}]
  claimed_fen bigint NOT NULL DEFAULT 0 CHECK (claimed_fen >= 0),
  summary text NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, case_id),
  UNIQUE (county_code, receipt_no),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX complaints_employer ON complaints (county_code, employer_id);
ALTER TABLE complaints ENABLE ROW LEVEL SECURITY;
CREATE POLICY complaints_scope ON complaints
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON complaints TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('complaints', 'county_code', colocate_with => 'events');
  END IF;
END $$;

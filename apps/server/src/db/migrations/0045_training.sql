-- Vocational training (职业技能培训, modules/training; issue #12 items 9–13): institutions, classes, enrolments with
-- attendance, results and certificates, subsidy rules as data, subsidy claims approved by level and paid in
-- batches, and yearly targets. Written to the Schema rules (docs/CONVENTIONS.md): every region-scoped table is
-- 'distributed', hashed on county_code (the county of its region; a class's children: the class's county) and
-- co-located with events; keys (county_code, id); foreign keys pair county_code; row-level security on the row's
-- own columns (region, owner, department: a class's children carry the class's, copied by the repo).
-- Workers, employers and users carry no foreign key (other modules' tables, or reference tables that would turn
-- these into Citus local tables): the services check them through the registry's port.

-- 培训机构 (定点培训机构、技工院校、企业): approval status, validity, the occupations it may train.
CREATE TABLE training_institutions (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('designated', 'technical_school', 'enterprise')),
  credit_code text,
  employer_id uuid,                                  -- the registry's employer, for an enterprise
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'revoked')),
  valid_from date,
  valid_until date,
  occupations text[] NOT NULL DEFAULT '{}',          -- 职业分类大典 codes (or prefixes) it may train
  contact text,
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX training_institutions_id ON training_institutions (id);
ALTER TABLE training_institutions ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_institutions_scope ON training_institutions
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON training_institutions TO mwsp_app;

-- 培训班: occupation, type, mode (with the employer), schedule, capacity, region, teacher. The institution may sit
-- in another county (no foreign key across counties): its id, county and name are copied.
CREATE TABLE training_classes (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  institution_id uuid NOT NULL,
  institution_county_code text COLLATE "C" NOT NULL,
  institution_name text NOT NULL,
  occupation_code text COLLATE "C" NOT NULL,
  training_type text NOT NULL,
  mode text NOT NULL DEFAULT 'open' CHECK (mode IN ('open', 'order', 'post', 'directed')),
  employer_id uuid,
  employer_name text,
  start_date date NOT NULL,
  end_date date NOT NULL,
  sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 1000),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  enrolled integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0),
  teacher text,
  subsidised boolean NOT NULL DEFAULT true,
  payee text NOT NULL DEFAULT 'person' CHECK (payee IN ('person', 'enterprise')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (end_date >= start_date),
  CHECK (enrolled <= capacity)
);
CREATE INDEX training_classes_id ON training_classes (id);
CREATE INDEX training_classes_region ON training_classes (county_code, region_code, start_date);
ALTER TABLE training_classes ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_classes_scope ON training_classes
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON training_classes TO mwsp_app;

-- 学员: a registry worker in a class; id_bidx (the ID number's blind index) is the person across counties.
CREATE TABLE training_enrolments (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  class_id uuid NOT NULL,
  worker_id uuid NOT NULL,
  id_bidx text COLLATE "C" NOT NULL,
  worker_name text NOT NULL,                         -- masked, as the registry's port gives it
  id_masked text NOT NULL,
  origin_province text COLLATE "C",                  -- 2 digits: the Altay rule's 新疆籍
  status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'failed', 'withdrawn')),
  exam_result text CHECK (exam_result IN ('pass', 'fail', 'absent')),
  exam_score numeric(5, 1),
  completed_on date,
  employed_on date,                                  -- 就业日期 (the "employed within 6 months" condition)
  contract_months integer CHECK (contract_months IS NULL OR contract_months BETWEEN 0 AND 600),
  attended integer NOT NULL DEFAULT 0,               -- sessions attended (kept with training_attendance)
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, class_id, id_bidx),
  FOREIGN KEY (county_code, class_id) REFERENCES training_classes (county_code, id)
);
CREATE INDEX training_enrolments_id ON training_enrolments (id);
CREATE INDEX training_enrolments_worker ON training_enrolments (worker_id);
ALTER TABLE training_enrolments ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_enrolments_scope ON training_enrolments
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON training_enrolments TO mwsp_app;

-- 考勤: one row per enrolment and session.
CREATE TABLE training_attendance (
  county_code text COLLATE "C" NOT NULL,
  enrolment_id uuid NOT NULL,
  session_no integer NOT NULL CHECK (session_no >= 1),
  present boolean NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, enrolment_id, session_no),
  FOREIGN KEY (county_code, enrolment_id) REFERENCES training_enrolments (county_code, id)
);
ALTER TABLE training_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_attendance_scope ON training_attendance
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON training_attendance TO mwsp_app;

-- 证书: kind, level, number, date. Unique per county and kind by number.
CREATE TABLE training_certificates (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL,
  worker_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('qualification', 'skill_level', 'special_ability', 'training')),
  level text CHECK (level IN ('1', '2', '3', '4', '5')),
  number text COLLATE "C" NOT NULL,
  issued_on date NOT NULL,
  occupation_code text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, kind, number),
  FOREIGN KEY (county_code, enrolment_id) REFERENCES training_enrolments (county_code, id)
);
CREATE INDEX training_certificates_worker ON training_certificates (worker_id);
ALTER TABLE training_certificates ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_certificates_scope ON training_certificates
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON training_certificates TO mwsp_app;

-- A person's trainings, nationally (lookup, hashed on the ID number's blind index): the periods of their
-- classes and the subsidised (occupation, year) keys, so an enrolment in another county sees an overlap. Read and
-- written by the training repo under the system scope in the enrolling transaction, the row locked (FOR UPDATE).
CREATE TABLE training_people (
  id_bidx text COLLATE "C" PRIMARY KEY,
  county_code text COLLATE "C" NOT NULL,             -- the county of the person's first class
  region_code text COLLATE "C" NOT NULL,
  periods jsonb NOT NULL DEFAULT '[]'                -- [{enrolmentId, countyCode, className, start, end, occupation, periodKey, subsidised}]
);
ALTER TABLE training_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_people_scope ON training_people
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON training_people TO mwsp_app;

-- 补贴标准 as data: small city-wide reference data (a few dozen rows), readable by every level.
CREATE TABLE training_subsidy_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  occupation_prefix text,
  training_type text,
  certificate_kind text,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  require_certificate boolean NOT NULL DEFAULT true,
  employed_within_months integer CHECK (employed_within_months IS NULL OR employed_within_months BETWEEN 1 AND 60),
  min_attendance_pct integer NOT NULL DEFAULT 80 CHECK (min_attendance_pct BETWEEN 0 AND 100),
  payee text NOT NULL DEFAULT 'person' CHECK (payee IN ('person', 'enterprise')),
  share_pct integer NOT NULL DEFAULT 100 CHECK (share_pct BETWEEN 1 AND 100),
  min_contract_months integer,
  origin_province text,
  valid_from date NOT NULL,
  valid_until date,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (payee = 'person' OR share_pct <= 50)        -- Altay 二: an enterprise gets at most half the standard
);
GRANT SELECT, INSERT, UPDATE ON training_subsidy_rules TO mwsp_app;

-- 补贴拨付批次: one county's approved claims, exported as the bank's workbook.
CREATE TABLE training_payment_batches (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_no text COLLATE "C" NOT NULL,
  claims integer NOT NULL,
  total_fen bigint NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, batch_no)
);
ALTER TABLE training_payment_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_payment_batches_scope ON training_payment_batches
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON training_payment_batches TO mwsp_app;

-- 补贴申请: per person and class, with the rule that applied and its basis; approval steps in `steps`.
CREATE TABLE training_subsidy_claims (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL,
  class_id uuid NOT NULL,
  id_bidx text COLLATE "C" NOT NULL,
  worker_name text NOT NULL,
  occupation_code text COLLATE "C" NOT NULL,
  period_key integer NOT NULL,                       -- the class's end year, or 0 ("once ever", configured)
  rule_id uuid NOT NULL,
  rule_name text NOT NULL,
  basis jsonb NOT NULL DEFAULT '[]',
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  payee text NOT NULL CHECK (payee IN ('person', 'enterprise')),
  payee_name text NOT NULL,
  account_enc text NOT NULL,                         -- SM4 (FieldCipher), context training.account
  account_masked text NOT NULL,
  bank_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_township', 'pending_county', 'pending_city', 'approved', 'paid',
    'rejected')),
  steps jsonb NOT NULL DEFAULT '[]',                 -- [{at, level, action, by, note}]
  batch_id uuid,
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, enrolment_id) REFERENCES training_enrolments (county_code, id),
  FOREIGN KEY (county_code, batch_id) REFERENCES training_payment_batches (county_code, id)
);
-- No double payment, in the county: one live claim per person, occupation and period.
CREATE UNIQUE INDEX training_claims_once ON training_subsidy_claims (county_code, id_bidx, occupation_code, period_key)
  WHERE status <> 'rejected';
CREATE INDEX training_claims_queue ON training_subsidy_claims (county_code, status, created_at);
ALTER TABLE training_subsidy_claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_subsidy_claims_scope ON training_subsidy_claims
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON training_subsidy_claims TO mwsp_app;

-- No double payment, nationally (lookup, hashed on its own key): `<id_bidx>:<occupation>:<period>` of every live
-- claim. Its primary key is the constraint; a rejected claim releases its key.
CREATE TABLE training_claim_keys (
  claim_key text COLLATE "C" PRIMARY KEY,
  county_code text COLLATE "C" NOT NULL,
  claim_id uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL
);
ALTER TABLE training_claim_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_claim_keys_scope ON training_claim_keys
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, DELETE ON training_claim_keys TO mwsp_app;

-- 培训目标: person-times per region, year and (optionally) type.
CREATE TABLE training_targets (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  training_type text,                                -- null: every type
  person_times integer NOT NULL CHECK (person_times BETWEEN 1 AND 100000000),
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX training_targets_key ON training_targets (county_code, region_code, year, coalesce(training_type, ''));
ALTER TABLE training_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY training_targets_scope ON training_targets
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON training_targets TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_reference_table('training_subsidy_rules');
    PERFORM create_distributed_table('training_institutions', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_classes', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_enrolments', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_attendance', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_certificates', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_payment_batches', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_subsidy_claims', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_targets', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('training_people', 'id_bidx', colocate_with => 'none');
    PERFORM create_distributed_table('training_claim_keys', 'claim_key', colocate_with => 'none');
  END IF;
END $$;

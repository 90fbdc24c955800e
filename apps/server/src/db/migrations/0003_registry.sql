-- Real-name registry (实名制) and the domain-event log that feeds each worker's 一人一档 timeline.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Domain events, written in the same transaction as the change they describe. Any module appends;
-- timelines and statistics read them without knowing the module that wrote them.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  ts timestamptz NOT NULL,
  type text NOT NULL,                          -- e.g. worker.registered, employment.started
  subject_type text NOT NULL,                  -- e.g. worker, employer
  subject_id uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL,       -- scope of the subject, for row-level security
  actor_id uuid,
  actor_name text,
  summary text NOT NULL,                       -- Chinese one-liner, never personal data values
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_subject ON events (subject_type, subject_id, id DESC);
CREATE INDEX events_type_ts ON events (type, ts);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_region_scope ON events USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON events TO mwsp_app;
GRANT USAGE ON SEQUENCE events_id_seq TO mwsp_app;

-- Employers are company-register facts: readable by every scope, written only within one's own.
CREATE TABLE employers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code text NOT NULL UNIQUE,            -- 统一社会信用代码 (GB 32100)
  credit_code_valid boolean NOT NULL,          -- a failing check character is a warning, not a refusal
  name text NOT NULL,
  legal_rep text,
  industry text NOT NULL,                      -- GB/T 4754-2017 section A–T
  size text NOT NULL CHECK (size IN ('micro', 'small', 'medium', 'large')),
  region_code text COLLATE "C" NOT NULL REFERENCES regions(code),
  address text,
  contact_name text,
  contact_phone_enc text,
  contact_phone_masked text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employers_region ON employers (region_code);
CREATE INDEX employers_name_trgm ON employers USING gin (name gin_trgm_ops);
ALTER TABLE employers ENABLE ROW LEVEL SECURITY;
CREATE POLICY employers_read ON employers FOR SELECT USING (true);
CREATE POLICY employers_insert ON employers FOR INSERT WITH CHECK (mwsp_in_scope(region_code));
CREATE POLICY employers_update ON employers FOR UPDATE USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON employers TO mwsp_app;

-- One person, one record: keyed by the blind index of the normalised 18-digit ID number.
CREATE TABLE workers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text COLLATE "C" NOT NULL,           -- code-point order: prefix search uses the btree
  id_bidx text NOT NULL UNIQUE,                -- HMAC-SM3 blind index of the ID number
  id_enc text NOT NULL,                        -- SM4 ciphertext of the ID number
  id_masked text NOT NULL,                     -- 110105********0021
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL,
  ethnicity text NOT NULL,                     -- GB 3304
  education text NOT NULL,
  phone_enc text,
  phone_bidx text,
  phone_masked text,
  hukou_region_code text COLLATE "C" NOT NULL REFERENCES regions(code),        -- 户籍地 (anywhere in China)
  residence_region_code text COLLATE "C" NOT NULL REFERENCES regions(code),    -- 现居住地 (in the city)
  migrant_type text NOT NULL CHECK (migrant_type IN ('local', 'out')),        -- 本地 / 外出
  cross_province boolean NOT NULL,                                            -- 跨省流动
  skills jsonb NOT NULL DEFAULT '[]',
  bank_card_enc text,
  bank_card_masked text,
  bank_name text,
  bank_card_luhn_ok boolean,
  emergency_enc text,                          -- SM4 ciphertext of {name, relation, phone}
  family_enc text,                             -- SM4 ciphertext of {accompanyingChildren, leftBehind}
  accompanying_children_count smallint NOT NULL DEFAULT 0,   -- 随迁子女
  left_behind_kinds text[] NOT NULL DEFAULT '{}',            -- 留守: child / spouse / parent
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
  merged_into uuid REFERENCES workers(id),
  version int NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workers_residence ON workers (residence_region_code);
CREATE INDEX workers_residence_created ON workers (residence_region_code, created_at DESC);
CREATE INDEX workers_phone ON workers (phone_bidx);
CREATE INDEX workers_name_trgm ON workers USING gin (name gin_trgm_ops);
CREATE INDEX workers_name ON workers (name);
ALTER TABLE workers ENABLE ROW LEVEL SECURITY;
CREATE POLICY workers_region_scope ON workers USING (mwsp_in_scope(residence_region_code)) WITH CHECK (mwsp_in_scope(residence_region_code));
GRANT SELECT, INSERT, UPDATE ON workers TO mwsp_app;

-- One person, one record across the whole city: tells whether an ID number (by blind index) is
-- registered anywhere, yes or no, without revealing where or whose.
CREATE FUNCTION mwsp_worker_registered(p_bidx text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT EXISTS (SELECT 1 FROM workers WHERE id_bidx = p_bidx) $$;
REVOKE ALL ON FUNCTION mwsp_worker_registered(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_worker_registered(text) TO mwsp_app;

-- Employment relations and contracts; visible exactly when the worker is.
CREATE TABLE employments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  worker_id uuid NOT NULL REFERENCES workers(id),
  employer_id uuid NOT NULL REFERENCES employers(id),
  start_date date NOT NULL,
  end_date date,
  position text,
  occupation_code text,
  wage_fen bigint CHECK (wage_fen >= 0),       -- money in 分
  wage_type text NOT NULL DEFAULT 'monthly' CHECK (wage_type IN ('monthly', 'daily', 'piece')),
  contract_type text NOT NULL DEFAULT 'none' CHECK (contract_type IN ('fixed', 'open', 'task', 'none')),
  contract_signed boolean NOT NULL DEFAULT false,
  contract_term_months int,
  filing_status text NOT NULL DEFAULT 'none' CHECK (filing_status IN ('filed', 'pending', 'none')),  -- 用工备案
  dispatch boolean NOT NULL DEFAULT false,                                   -- 劳务派遣
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (worker_id, employer_id, start_date)
);
CREATE INDEX employments_worker ON employments (worker_id);
CREATE INDEX employments_employer ON employments (employer_id, status);
ALTER TABLE employments ENABLE ROW LEVEL SECURITY;
CREATE POLICY employments_via_worker ON employments USING (EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));
GRANT SELECT, INSERT, UPDATE ON employments TO mwsp_app;

CREATE TABLE worker_insurance (
  worker_id uuid NOT NULL REFERENCES workers(id),
  type text NOT NULL CHECK (type IN ('pension', 'medical', 'injury', 'unemployment', 'maternity')),
  enrolled boolean NOT NULL,
  since date,
  place_region_code text COLLATE "C" REFERENCES regions(code),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (worker_id, type)
);
ALTER TABLE worker_insurance ENABLE ROW LEVEL SECURITY;
CREATE POLICY worker_insurance_via_worker ON worker_insurance USING (EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON worker_insurance TO mwsp_app;

CREATE TABLE insurance_transfers (                -- 转移接续
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  worker_id uuid NOT NULL REFERENCES workers(id),
  type text NOT NULL,
  from_region_code text COLLATE "C" NOT NULL REFERENCES regions(code),
  to_region_code text COLLATE "C" NOT NULL REFERENCES regions(code),
  transfer_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX insurance_transfers_worker ON insurance_transfers (worker_id);
ALTER TABLE insurance_transfers ENABLE ROW LEVEL SECURITY;
CREATE POLICY insurance_transfers_via_worker ON insurance_transfers USING (EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));
GRANT SELECT, INSERT, UPDATE ON insurance_transfers TO mwsp_app;

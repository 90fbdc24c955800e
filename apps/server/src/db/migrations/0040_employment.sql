-- Employment services (就业服务, modules/employment; issue #12 items 1–4): job postings (岗位信息), job seekers
-- (求职登记), the impressions of every match list (the raw material for learning the weights), referrals
-- (职业介绍) with their outcomes and follow-ups, and the match weights (data, per campaign).
--
-- Placement (docs/CONVENTIONS.md "Schema rules"): every table but match_weights is distributed on county_code,
-- co-located with events. No foreign key to a reference table (employers, users, regions): it would make a
-- distributed table a Citus local one; the service checks the employer and the worker through the registry's port.
--
-- Postings are public information (招聘信息公开): any signed-in user with employment:read may read every posting
-- of the city — a village officer matches a returning worker with jobs across the city. Writing a posting stays
-- within the writer's region and data scope. Seekers, referrals and impressions are personal data: read and
-- written within scope only.

CREATE TABLE job_postings (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL,                        -- the registry's employer (through its port)
  employer_name text NOT NULL,                      -- copy, for lists and search
  title text NOT NULL,
  occupation_code text COLLATE "C" NOT NULL,        -- 职业分类大典 2022
  occ_middle text COLLATE "C" NOT NULL,             -- its 中类 ('6-18'): the indexed candidate predicate
  headcount integer NOT NULL CHECK (headcount > 0),
  hired_count integer NOT NULL DEFAULT 0,           -- hires reported through referrals: = headcount → filled
  wage_min_fen integer NOT NULL CHECK (wage_min_fen >= 0),
  wage_max_fen integer NOT NULL,
  region_code text COLLATE "C" NOT NULL,            -- the place of work, to the township
  address text NOT NULL,
  requirements jsonb NOT NULL,                      -- {skills, certificates, ageMin, ageMax, education, sex, other}
  certificates text[] NOT NULL DEFAULT '{}',        -- the required certificates (matching reads them)
  housing boolean NOT NULL DEFAULT false,
  meals boolean NOT NULL DEFAULT false,
  insurance boolean NOT NULL DEFAULT false,
  contract_term_months integer,
  valid_until date NOT NULL,
  household_service boolean NOT NULL DEFAULT false, -- 家庭服务业
  description text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'expired', 'withdrawn')),
  withdraw_reason text,
  warnings jsonb NOT NULL DEFAULT '[]',             -- the moderation's warnings that did not block publication
  grams text[] NOT NULL DEFAULT '{}',               -- character uni/bigrams built by the application (jobText.ts)
  search_text text NOT NULL DEFAULT '',             -- the normalised text the grams come from (the recheck)
  owner_id uuid,
  owner_department_id uuid,
  published_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (county_code, id),
  CHECK (wage_min_fen <= wage_max_fen)
);
CREATE INDEX job_postings_candidates ON job_postings (occ_middle, wage_max_fen) WHERE status = 'open';
CREATE INDEX job_postings_grams ON job_postings USING gin (grams);
CREATE INDEX job_postings_region ON job_postings (region_code, created_at DESC);
CREATE INDEX job_postings_employer ON job_postings (county_code, employer_id);
ALTER TABLE job_postings ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_postings_read ON job_postings FOR SELECT USING (true);
CREATE POLICY job_postings_insert ON job_postings FOR INSERT
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
CREATE POLICY job_postings_update ON job_postings FOR UPDATE
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON job_postings TO mwsp_app;

CREATE TABLE job_seekers (
  county_code text COLLATE "C" NOT NULL,            -- the county of the worker's residence
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  worker_id uuid NOT NULL,                          -- the registry's worker (through its port)
  name text NOT NULL,                               -- copies of the registry's facts, for lists and matching
  sex text NOT NULL,
  birth_date date NOT NULL,
  region_code text COLLATE "C" NOT NULL,            -- residence
  occupations text[] NOT NULL,                      -- wanted occupations, first = most wanted
  occ_middles text[] NOT NULL,                      -- their 中类 and those of the skills: the GIN candidate predicate
  places text[] NOT NULL DEFAULT '{}',
  preference text NOT NULL CHECK (preference IN ('local', 'outbound', 'any')),
  min_wage_fen integer NOT NULL CHECK (min_wage_fen >= 0),
  available_from date,
  skills jsonb NOT NULL DEFAULT '[]',               -- [{occupationCode, certificate}]: registry, later training
  note text,
  status text NOT NULL DEFAULT 'seeking' CHECK (status IN ('seeking', 'referred', 'employed', 'inactive')),
  reconfirmed_at timestamptz NOT NULL DEFAULT now(),
  registered_region text,                           -- the level it was registered at (the registrar's region)
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, worker_id)
);
CREATE INDEX job_seekers_occ ON job_seekers USING gin (occ_middles);
CREATE INDEX job_seekers_region ON job_seekers (region_code, created_at DESC);
CREATE INDEX job_seekers_pool ON job_seekers (county_code, status, reconfirmed_at);
ALTER TABLE job_seekers ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_seekers_scope ON job_seekers
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON job_seekers TO mwsp_app;

-- One row per match list shown (one insert per page): who saw which ranking, with the scores.
CREATE TABLE match_impressions (
  county_code text COLLATE "C" NOT NULL,            -- the subject's county (the seeker's, or the posting's)
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  subject_kind text NOT NULL CHECK (subject_kind IN ('seeker', 'job')),
  subject_id uuid NOT NULL,
  campaign_id uuid,
  query text,
  result_ids uuid[] NOT NULL,
  scores real[] NOT NULL,
  shown_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,                                    -- the user who saw it
  owner_department_id uuid,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX match_impressions_subject ON match_impressions (county_code, subject_id, shown_at DESC);
ALTER TABLE match_impressions ENABLE ROW LEVEL SECURITY;
CREATE POLICY match_impressions_scope ON match_impressions
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON match_impressions TO mwsp_app;

CREATE TABLE referrals (
  county_code text COLLATE "C" NOT NULL,            -- the seeker's county
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  seeker_id uuid NOT NULL,
  worker_id uuid NOT NULL,
  seeker_name text NOT NULL,
  job_county_code text COLLATE "C" NOT NULL,        -- where the posting lives (another county maybe: no FK)
  job_id uuid NOT NULL,
  job_title text NOT NULL,
  employer_id uuid NOT NULL,
  employer_name text NOT NULL,
  job_region_code text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,            -- the seeker's residence
  campaign_id uuid,
  impression_id uuid,
  outcome text NOT NULL DEFAULT 'pending'
    CHECK (outcome IN ('pending', 'interviewed', 'hired', 'refused', 'no_show')),
  outcome_source text CHECK (outcome_source IN ('staff', 'employer')),
  outcome_on date,
  hired_on date,
  double_placement boolean NOT NULL DEFAULT false,  -- hired while hired elsewhere (一人两岗)
  fu30_due date,
  fu30_done_at timestamptz,
  fu30_still_employed boolean,
  fu30_note text,
  fu90_due date,
  fu90_done_at timestamptz,
  fu90_still_employed boolean,
  fu90_note text,
  note text,
  created_by_name text,
  owner_id uuid,
  owner_department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, seeker_id) REFERENCES job_seekers (county_code, id)
);
CREATE INDEX referrals_seeker ON referrals (county_code, seeker_id);
CREATE INDEX referrals_worker ON referrals (county_code, worker_id) WHERE outcome = 'hired';
CREATE INDEX referrals_region ON referrals (region_code, created_at DESC);
CREATE INDEX referrals_fu30 ON referrals (fu30_due) WHERE fu30_done_at IS NULL AND fu30_due IS NOT NULL;
CREATE INDEX referrals_fu90 ON referrals (fu90_due) WHERE fu90_done_at IS NULL AND fu90_due IS NOT NULL;
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY referrals_scope ON referrals
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON referrals TO mwsp_app;

-- Every outcome reported, in order (the referral row keeps the latest).
CREATE TABLE referral_outcomes (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL,
  outcome text NOT NULL,
  source text NOT NULL,
  outcome_on date NOT NULL,
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, referral_id) REFERENCES referrals (county_code, id)
);
ALTER TABLE referral_outcomes ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_outcomes_scope ON referral_outcomes
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON referral_outcomes TO mwsp_app;

-- The match model's weights: a default row, and one per campaign (key = the campaign's id). Small, read on every
-- match: a reference table.
CREATE TABLE match_weights (
  key text COLLATE "C" PRIMARY KEY,
  weights jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO match_weights (key, weights) VALUES ('default',
  '{"occupation": 4, "skills": 1.5, "distance": 2, "wage": 1.5, "preference": 1, "benefits": 0.5, "freshness": 0.5}');
GRANT SELECT ON match_weights TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('job_postings', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('job_seekers', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('match_impressions', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('referrals', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('referral_outcomes', 'county_code', colocate_with => 'events');
    PERFORM create_reference_table('match_weights');
  END IF;
END $$;

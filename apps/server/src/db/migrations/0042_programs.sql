-- Employment programmes (issue #12 items 5–8, modules/employment: campaigns.*, surveys.*, cooperation.*,
-- startup.*, consulting.*): campaigns and job fairs (招聘活动), the two surveys (季节性用工需求调查,
-- 外出务工人员就业情况调查), labour cooperation (劳务对接: agreements, service stations, organised outbound groups,
-- labour brands, model townships/villages), entrepreneurship (创业担保贷款, incubators and parks) and the policy
-- consulting log (政策咨询).
-- Every table follows the Schema rules: 'distributed', hashed on county_code (the county of the row's region; a
-- city-level row — a city campaign, a city agreement — hashes on the city code), keys (county_code, id), no
-- foreign key to a reference table, row-level security on the row's region, owner and department. Worker,
-- employer, posting and agreement ids are loose references (checked by the service through ports or its own reads).

CREATE TABLE campaigns (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('spring_breeze', 'private_week', 'job_fair', 'other')),
  name text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  regions text[] NOT NULL DEFAULT '{}',             -- the regions it covers (codes); region_code is the organiser's
  organiser text NOT NULL,
  posting_ids uuid[] NOT NULL DEFAULT '{}',         -- job postings (employment postings; loose reference, no FK)
  summary text NOT NULL DEFAULT '',
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX campaigns_region ON campaigns (region_code, created_at);
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaigns_scope ON campaigns
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON campaigns TO mwsp_app;

CREATE TABLE job_fairs (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,                        -- the campaign (loose: a city campaign's fair sits in its county)
  held_on date NOT NULL,
  venue text NOT NULL,
  employers jsonb NOT NULL DEFAULT '[]',            -- [{employerId?, name, booths, positions}]
  booths integer NOT NULL DEFAULT 0 CHECK (booths >= 0),
  positions integer NOT NULL DEFAULT 0 CHECK (positions >= 0),
  attendees integer NOT NULL DEFAULT 0 CHECK (attendees >= 0),
  referrals integer NOT NULL DEFAULT 0 CHECK (referrals >= 0),
  hires integer NOT NULL DEFAULT 0 CHECK (hires >= 0),
  results_on timestamptz,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX job_fairs_region ON job_fairs (region_code, created_at);
ALTER TABLE job_fairs ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_fairs_scope ON job_fairs
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON job_fairs TO mwsp_app;

CREATE TABLE demand_surveys (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period text NOT NULL,                             -- e.g. 2026年春节后
  employer_id uuid,                                 -- the registry's employer, when registered
  employer_name text NOT NULL,
  occupation text NOT NULL,                         -- 职业分类大典 code
  headcount integer NOT NULL CHECK (headcount > 0),
  wage_fen bigint NOT NULL CHECK (wage_fen >= 0),   -- monthly wage offered
  surveyed_on date NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX demand_surveys_region ON demand_surveys (region_code, created_at);
ALTER TABLE demand_surveys ENABLE ROW LEVEL SECURITY;
CREATE POLICY demand_surveys_scope ON demand_surveys
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON demand_surveys TO mwsp_app;

CREATE TABLE outbound_surveys (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period text NOT NULL,
  worker_id uuid NOT NULL,                          -- the registry's worker (through its port)
  destination text NOT NULL,
  destination_region_code text COLLATE "C",
  occupation text,
  income_fen bigint CHECK (income_fen IS NULL OR income_fen >= 0), -- monthly income
  status text NOT NULL CHECK (status IN ('employed', 'self_employed', 'seeking', 'returned')),
  surveyed_on date NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX outbound_surveys_region ON outbound_surveys (region_code, created_at);
ALTER TABLE outbound_surveys ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbound_surveys_scope ON outbound_surveys
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON outbound_surveys TO mwsp_app;

CREATE TABLE coop_agreements (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  destination text NOT NULL,                        -- 输入地, e.g. 浙江省宁波市
  destination_region_code text COLLATE "C",
  origin_party text NOT NULL,
  destination_party text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  terms text NOT NULL DEFAULT '',
  target_count integer NOT NULL CHECK (target_count >= 0),
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX coop_agreements_region ON coop_agreements (region_code, created_at);
ALTER TABLE coop_agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY coop_agreements_scope ON coop_agreements
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON coop_agreements TO mwsp_app;

CREATE TABLE coop_stations (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  agreement_id uuid,                                -- loose reference to an agreement (it may sit in another county)
  destination text NOT NULL,
  address text NOT NULL DEFAULT '',
  established_on date NOT NULL,
  staff jsonb NOT NULL DEFAULT '[]',                -- [{name, phone?, duty?}]
  worker_ids uuid[] NOT NULL DEFAULT '{}',          -- registry workers served
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX coop_stations_region ON coop_stations (region_code, created_at);
ALTER TABLE coop_stations ENABLE ROW LEVEL SECURITY;
CREATE POLICY coop_stations_scope ON coop_stations
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON coop_stations TO mwsp_app;

CREATE TABLE coop_groups (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  departed_on date NOT NULL,
  destination text NOT NULL,
  agreement_id uuid,
  members jsonb NOT NULL DEFAULT '[]',              -- [{workerId, workplace}]
  people integer NOT NULL CHECK (people > 0),
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX coop_groups_region ON coop_groups (region_code, created_at);
ALTER TABLE coop_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY coop_groups_scope ON coop_groups
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON coop_groups TO mwsp_app;

CREATE TABLE labour_brands (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  occupation text,
  description text NOT NULL DEFAULT '',
  worker_ids uuid[] NOT NULL DEFAULT '{}',          -- members (registry workers)
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX labour_brands_region ON labour_brands (region_code, created_at);
ALTER TABLE labour_brands ENABLE ROW LEVEL SECURITY;
CREATE POLICY labour_brands_scope ON labour_brands
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON labour_brands TO mwsp_app;

CREATE TABLE model_sites (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('township', 'village')),
  name text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  transferred integer NOT NULL DEFAULT 0 CHECK (transferred >= 0), -- labourers transferred into employment
  notes text NOT NULL DEFAULT '',
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX model_sites_region ON model_sites (region_code, created_at);
ALTER TABLE model_sites ENABLE ROW LEVEL SECURITY;
CREATE POLICY model_sites_scope ON model_sites
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON model_sites TO mwsp_app;

CREATE TABLE startup_loans (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  worker_id uuid NOT NULL,                          -- the applicant (registry worker)
  business text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  bank text NOT NULL,
  applied_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'disbursed')),
  decided_on date,
  approved_fen bigint CHECK (approved_fen IS NULL OR approved_fen > 0),
  decision_note text,
  version integer NOT NULL DEFAULT 0,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX startup_loans_region ON startup_loans (region_code, created_at);
ALTER TABLE startup_loans ENABLE ROW LEVEL SECURITY;
CREATE POLICY startup_loans_scope ON startup_loans
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON startup_loans TO mwsp_app;

CREATE TABLE incubators (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('incubator', 'park')),
  name text NOT NULL,
  operator text NOT NULL,
  address text NOT NULL DEFAULT '',
  opened_on date NOT NULL,
  businesses jsonb NOT NULL DEFAULT '[]',           -- [{name, founderWorkerId?, jobs, since}]
  jobs_created integer NOT NULL DEFAULT 0 CHECK (jobs_created >= 0),
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX incubators_region ON incubators (region_code, created_at);
ALTER TABLE incubators ENABLE ROW LEVEL SECURITY;
CREATE POLICY incubators_scope ON incubators
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON incubators TO mwsp_app;

CREATE TABLE consultations (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  asked_on date NOT NULL,
  topic text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('hotline', 'window', 'phone', 'online')),
  asker text NOT NULL DEFAULT '',
  question text NOT NULL,
  answer text NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,                                  -- owner (README "Data scopes"); null: demo data
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX consultations_region ON consultations (region_code, created_at);
ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;
CREATE POLICY consultations_scope ON consultations
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT ON consultations TO mwsp_app;

CREATE INDEX job_fairs_campaign ON job_fairs (campaign_id);
CREATE UNIQUE INDEX labour_brands_name ON labour_brands (county_code, name);
CREATE UNIQUE INDEX model_sites_once ON model_sites (county_code, region_code, year);
CREATE INDEX startup_loans_worker ON startup_loans (county_code, worker_id);

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('campaigns', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('job_fairs', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('demand_surveys', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('outbound_surveys', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('coop_agreements', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('coop_stations', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('coop_groups', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('labour_brands', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('model_sites', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('startup_loans', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('incubators', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('consultations', 'county_code', colocate_with => 'events');
  END IF;
END $$;

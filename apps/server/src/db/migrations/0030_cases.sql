-- The case engine (案件引擎, platform/cases; issue #13): cases of any declared type, their append-only history,
-- comments, links, and statutory clocks (法定时限) kept as a budget plus a ledger — never a due date as truth.
-- Written to the Schema rules from the start (docs/CONVENTIONS.md): every table is 'distributed', hashed on
-- county_code (the county of the case's region) and co-located with events; keys (county_code, id); foreign keys
-- pair county_code; row-level security on the row's own columns — a case's region, its owner (created_by) and
-- department, copied onto every child row by the repo from the case it read under RLS.
-- User ids (assignee, actor) carry no foreign key to users: on Citus a table created with a foreign key to a
-- reference table becomes a Citus local table at once, and can then neither be distributed nor referenced by the
-- distributed ones; accounts are never deleted (only disabled), so the ids stay resolvable.

CREATE TABLE cases (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  type text NOT NULL,                               -- a registered case type (CaseTypeRegistry)
  state text NOT NULL,
  title text NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  assignee_id uuid,                                 -- 承办人 (a user; no foreign key: see below)
  escalated_at timestamptz,                         -- raised to the supervisor (升级督办)
  escalation_reason text,
  group_size integer,                               -- 群体性: the number of people, when a group
  parties jsonb NOT NULL DEFAULT '[]',              -- [{kind: 'worker'|'employer'|'project', id, name?}]
  data jsonb NOT NULL DEFAULT '{}',                 -- the type's own fields, as submitted to its transitions
  created_by uuid,                                  -- owner (README "Data scopes"); null: filed by the public
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX cases_queue ON cases (county_code, type, state, created_at);
CREATE INDEX cases_region ON cases (region_code, created_at);
CREATE INDEX cases_assignee ON cases (county_code, assignee_id) WHERE closed_at IS NULL;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_scope ON cases
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON cases TO mwsp_app;

-- The history: one row per transition, comment, assignment, clock entry or escalation. Append-only: the
-- application role may insert and read, never update or delete.
CREATE TABLE case_history (
  county_code text COLLATE "C" NOT NULL,
  id bigserial NOT NULL,
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'transition', 'comment', 'assign', 'clock', 'escalation', 'link')),
  event text,                                       -- the transition's event, the rung, the clock entry kind
  from_state text,
  to_state text,
  actor_id uuid,                                    -- a user; null: the system (a sweep) or the public
  actor_name text,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_history_case ON case_history (county_code, case_id, id);
ALTER TABLE case_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_history_scope ON case_history
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON case_history TO mwsp_app;
GRANT USAGE ON SEQUENCE case_history_id_seq TO mwsp_app;

-- Linked cases (complaint → inspection → arbitration → legal aid → police transfer). The other case may lie in
-- another county (another shard): no foreign key on that side; the writer checks it exists.
CREATE TABLE case_links (
  county_code text COLLATE "C" NOT NULL,
  case_id uuid NOT NULL,
  linked_county_code text COLLATE "C" NOT NULL,
  linked_case_id uuid NOT NULL,
  kind text NOT NULL,                               -- 'derived' (opened from this one), 'related'
  created_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, case_id, linked_county_code, linked_case_id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
ALTER TABLE case_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_links_scope ON case_links
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON case_links TO mwsp_app;

-- A statutory clock: its budget and the day it started are the facts; due_on and amber_on are projections from
-- the working-day calendar and the ledger (case_clock_entries), rewritten by the service whenever either changes.
CREATE TABLE case_clocks (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  code text NOT NULL,                               -- the clock of the case type
  unit text NOT NULL CHECK (unit IN ('working', 'calendar')),
  budget integer NOT NULL CHECK (budget > 0),
  max_extension integer NOT NULL CHECK (max_extension >= 0),
  amber_percent integer NOT NULL CHECK (amber_percent BETWEEN 1 AND 99),
  started_on date NOT NULL,
  stopped_on date,                                  -- the stage done (met or not); null: running
  due_on date,                                      -- projection; null while suspended
  amber_on date,                                    -- projection
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, case_id, code),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_clocks_open ON case_clocks (county_code, amber_on) WHERE stopped_on IS NULL;
CREATE INDEX case_clocks_due ON case_clocks (county_code, due_on) WHERE stopped_on IS NULL;
ALTER TABLE case_clocks ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_clocks_scope ON case_clocks
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT, UPDATE ON case_clocks TO mwsp_app;

-- The clock's ledger: suspensions (中止), resumptions and approved extensions (延长). Append-only.
CREATE TABLE case_clock_entries (
  county_code text COLLATE "C" NOT NULL,
  id bigserial NOT NULL,
  clock_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('suspend', 'resume', 'extend')),
  on_date date NOT NULL,
  days integer CHECK (days IS NULL OR days > 0),
  reason text NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, clock_id) REFERENCES case_clocks (county_code, id)
);
CREATE INDEX case_clock_entries_clock ON case_clock_entries (county_code, clock_id, id);
ALTER TABLE case_clock_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_clock_entries_scope ON case_clock_entries
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON case_clock_entries TO mwsp_app;
GRANT USAGE ON SEQUENCE case_clock_entries_id_seq TO mwsp_app;

-- Escalation rungs (amber 80 %, red overdue, escalate to the supervisor): each fires EXACTLY ONCE, claimed by
-- this primary key in the same transaction as its effect (a sweep run twice, concurrently, or after a crash
-- finds the claim taken and does nothing).
CREATE TABLE case_clock_rungs (
  county_code text COLLATE "C" NOT NULL,
  clock_id uuid NOT NULL,
  rung text NOT NULL CHECK (rung IN ('amber', 'red', 'escalate')),
  fired_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, clock_id, rung),
  FOREIGN KEY (county_code, clock_id) REFERENCES case_clocks (county_code, id)
);
ALTER TABLE case_clock_rungs ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_clock_rungs_scope ON case_clock_rungs
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON case_clock_rungs TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('cases', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('case_history', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('case_links', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('case_clocks', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('case_clock_entries', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('case_clock_rungs', 'county_code', colocate_with => 'events');
  END IF;
END $$;

-- Labour inspection on a grid (劳动保障监察 两网化, modules/rights; issue #13 item 4) and the case engine's
-- attachments (附件, platform/cases; issue #13 item 1). Written to the Schema rules (docs/CONVENTIONS.md): every
-- table 'distributed', hashed on county_code and co-located with events; keys (county_code, id); foreign keys pair
-- county_code; row-level security on the row's own columns. User ids (inspectors, uploader) carry no foreign key to
-- users (a reference table: the new table would become a Citus local table); accounts are never deleted.

-- A case's attachment: metadata only; the file lies under the data folder (<dataDir>/case-attachments/<county>/<id>),
-- its type checked by content and its SHA-256 recorded. Child of its case: the case's region, owner and department
-- are copied onto the row by the repo. Append-only for the application role.
CREATE TABLE case_attachments (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  doc_kind text NOT NULL,                            -- a document kind of the case type (e.g. 检查笔录), or 'other'
  filename text NOT NULL,
  media_type text NOT NULL,                          -- from the content (magic bytes), never from the name
  bytes bigint NOT NULL CHECK (bytes > 0),
  sha256 text COLLATE "C" NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid,
  uploaded_by_name text,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  region_code text COLLATE "C" NOT NULL,
  owner_id uuid,
  owner_department_id uuid,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX case_attachments_case ON case_attachments (county_code, case_id, uploaded_at);
ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_attachments_scope ON case_attachments
  USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id));
GRANT SELECT, INSERT ON case_attachments TO mwsp_app;

-- The history gains the kind 'attachment' (DDL on an existing table: inside a DO block, see the Schema rules).
DO $$ BEGIN
  EXECUTE 'ALTER TABLE case_history DROP CONSTRAINT IF EXISTS case_history_kind_check';
  EXECUTE $q$ALTER TABLE case_history ADD CONSTRAINT case_history_kind_check CHECK (kind IN ('created',
    'transition', 'comment', 'assign', 'clock', 'escalation', 'link', 'attachment'))$q$;
END $$;

-- A grid (网格): a region subtree (a township or village) with its assigned inspectors (网格员/监察员).
CREATE TABLE grids (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  region_code text COLLATE "C" NOT NULL,             -- the grid's area: this region and everything below it
  inspector_ids uuid[] NOT NULL DEFAULT '{}',
  note text,
  created_by uuid,                                   -- owner (README "Data scopes")
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, name)
);
CREATE INDEX grids_region ON grids (region_code);
ALTER TABLE grids ENABLE ROW LEVEL SECURITY;
CREATE POLICY grids_scope ON grids
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON grids TO mwsp_app;

-- Inspection work that is not (yet) a case: routine patrols (日常巡查) of a grid, special campaigns (专项检查, e.g.
-- 冬季根治欠薪专项行动, with dates and an area) and written reviews (书面审查) of employers, each employer with
-- whether its materials were submitted and the findings.
CREATE TABLE inspection_activities (
  county_code text COLLATE "C" NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('patrol', 'campaign', 'review')),
  title text NOT NULL,
  grid_id uuid,                                      -- the grid patrolled (patrols), when any
  region_code text COLLATE "C" NOT NULL,             -- the area covered
  starts_on date NOT NULL,
  ends_on date,
  inspector_ids uuid[] NOT NULL DEFAULT '{}',
  employers jsonb NOT NULL DEFAULT '[]',             -- reviews: [{employerId?, name, submitted, findings?}]
  findings text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by uuid,
  department_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX inspection_activities_list ON inspection_activities (county_code, kind, starts_on);
ALTER TABLE inspection_activities ENABLE ROW LEVEL SECURITY;
CREATE POLICY inspection_activities_scope ON inspection_activities
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON inspection_activities TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_table('case_attachments', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('grids', 'county_code', colocate_with => 'events');
    PERFORM create_distributed_table('inspection_activities', 'county_code', colocate_with => 'events');
  END IF;
END $$;

-- Foreign keys between distributed tables after both are distributed.
DO $$ BEGIN
  EXECUTE 'ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_case_fk
    FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)';
END $$;
DO $$ BEGIN
  EXECUTE 'ALTER TABLE inspection_activities ADD CONSTRAINT inspection_activities_grid_fk
    FOREIGN KEY (county_code, grid_id) REFERENCES grids (county_code, id)';
END $$;

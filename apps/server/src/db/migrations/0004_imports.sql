-- Generic streaming import engine (platform/imports): one row per uploaded file, and the rows that
-- failed with their per-cell messages. A job is visible within its creator's region scope (RLS), so
-- a county's imports are seen by that county and the levels above it.

CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,                           -- registered import kind, e.g. workers
  filename text NOT NULL,                       -- as uploaded (sanitised)
  file_path text,                               -- stored upload; NULL once deleted (done, or failed for good)
  file_sha256 text NOT NULL,                    -- hex digest of the upload: SM3 (GB/T 32905), 256 bits
  file_bytes bigint NOT NULL,
  format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
  encoding text,                                -- csv: utf-8 | gb18030 | utf-16le | utf-16be
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total_rows int,                               -- data rows (counted before any row is committed)
  processed_rows int NOT NULL DEFAULT 0,        -- the last committed row number (resume cursor)
  ok_rows int NOT NULL DEFAULT 0,
  error_rows int NOT NULL DEFAULT 0,
  created_rows int NOT NULL DEFAULT 0,
  updated_rows int NOT NULL DEFAULT 0,
  unchanged_rows int NOT NULL DEFAULT 0,
  stored_errors int NOT NULL DEFAULT 0,         -- rows kept in import_row_errors (capped)
  message text,
  created_by uuid NOT NULL REFERENCES users(id),
  created_by_name text NOT NULL,
  region_scope text COLLATE "C" NOT NULL,       -- the creator's scope prefix ('*' for all), for RLS
  department_id uuid,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX import_jobs_created ON import_jobs (created_at DESC);
CREATE INDEX import_jobs_scope ON import_jobs (region_scope);
CREATE INDEX import_jobs_pending ON import_jobs (created_at) WHERE status IN ('queued', 'running');
ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY import_jobs_region_scope ON import_jobs USING (mwsp_in_scope(region_scope)) WITH CHECK (mwsp_in_scope(region_scope));
GRANT SELECT, INSERT, UPDATE ON import_jobs TO mwsp_app;

CREATE TABLE import_row_errors (
  import_id uuid NOT NULL REFERENCES import_jobs(id),
  row_no int NOT NULL,
  cells jsonb NOT NULL,                         -- {column key | '_row': Chinese message}; no personal data
  raw_enc text NOT NULL,                        -- the row's cells as uploaded ({column key: text}), JSON, SM4-encrypted
  PRIMARY KEY (import_id, row_no)
);
-- Visible exactly when its job is (the subquery is itself subject to import_jobs' policy).
ALTER TABLE import_row_errors ENABLE ROW LEVEL SECURITY;
CREATE POLICY import_row_errors_scope ON import_row_errors
  USING (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = import_id))
  WITH CHECK (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = import_id));
GRANT SELECT, INSERT ON import_row_errors TO mwsp_app;

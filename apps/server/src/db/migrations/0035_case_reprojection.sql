-- Background re-projection of the statutory clocks (法定时限重新推算, platform/cases; issue #13 part 2d).
-- A calendar edit (e.g. next year's 调休 notice) moves the due dates of every running clock. Instead of
-- re-projecting inside the request, the edit's transaction writes a job here (a durable marker); a worker loop
-- works through the running clocks in keyset order (county, id), and each batch advances the job's cursor in
-- the same transaction as the clocks it rewrote — so a crash (kill -9) resumes at the last committed batch on the
-- next start, and the administrators see the progress (done / total) on the calendar page.
-- A later edit supersedes an unfinished job (its cursor would be for the calendar before that edit).
-- Placement: coordinator (a handful of rows, no region: the jobs of the whole platform).
CREATE TABLE case_reprojection_jobs (
  id bigserial PRIMARY KEY,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'superseded')),
  reason text NOT NULL,
  requested_by uuid,                                -- a user; null: the system
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  total integer NOT NULL DEFAULT 0,                 -- running clocks when the job started
  done integer NOT NULL DEFAULT 0,
  changed integer NOT NULL DEFAULT 0,
  cursor_county text COLLATE "C",                   -- the last clock re-projected (keyset)
  cursor_id uuid,
  missing_years integer[] NOT NULL DEFAULT '{}'     -- years the clocks run through with no calendar loaded
);
CREATE INDEX case_reprojection_jobs_open ON case_reprojection_jobs (id) WHERE status IN ('pending', 'running');
GRANT SELECT, INSERT, UPDATE ON case_reprojection_jobs TO mwsp_app;
GRANT USAGE ON SEQUENCE case_reprojection_jobs_id_seq TO mwsp_app;

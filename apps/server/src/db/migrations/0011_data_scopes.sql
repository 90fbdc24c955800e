-- Data scopes 本人 (self) and 本部门 (department) in row-level security, and exact worker totals.
--
-- Owner and department of a record (README, "Data scopes"):
--   workers       owner = created_by (the user who registered it), department = department_id (that
--                 user's department at registration; backfilled below from the user's current one)
--   employments, worker_insurance, insurance_transfers: those of their worker (their policies test the
--                 worker's visibility, so they follow workers' policy unchanged)
--   employers     owner = created_by, department = department_id: scoped for writes only; the company
--                 register stays readable city-wide by design (employers_read USING (true))
--   import_jobs   owner = created_by (the uploader), department = department_id (the uploader's)
--
-- The db layer sets app.data_scope ('self' | 'department' | 'region' | 'all'), app.user_id and
-- app.department_id per transaction (db/client.ts). Each setting is read once per statement through
-- an InitPlan ((SELECT f())), not once per row.

CREATE OR REPLACE FUNCTION mwsp_data_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.data_scope', true), '') $$;
CREATE OR REPLACE FUNCTION mwsp_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION mwsp_department_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.department_id', true), '')::uuid $$;
-- Whether a row with this owner and department is within the caller's 本人/本部门 scope (other
-- scopes: always; the region test is separate). A 本部门 caller without a department matches nothing.
CREATE OR REPLACE FUNCTION mwsp_owned(owner uuid, dept uuid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT CASE mwsp_data_scope() WHEN 'self' THEN owner IS NOT DISTINCT FROM mwsp_user_id() AND owner IS NOT NULL
                                 WHEN 'department' THEN dept = mwsp_department_id()
                                 ELSE true END $$;

-- ---------------------------------------------------------------- workers
ALTER TABLE workers ADD COLUMN department_id uuid;
UPDATE workers w SET department_id = u.department_id FROM users u WHERE u.id = w.created_by AND w.department_id IS NULL;
CREATE INDEX workers_created_by ON workers (created_by, created_at);
CREATE INDEX workers_department ON workers (department_id, created_at);
-- City-level pages in either direction of either sort: the page's ids come from an index-only scan
-- that also evaluates the policy and the usual filters (INCLUDE columns).
CREATE INDEX workers_status_created ON workers (status, created_at, id)
  INCLUDE (residence_region_code, created_by, department_id, migrant_type, cross_province);
-- (created_at too: a name search collects its matches, sorted either way, from this index alone.)
CREATE INDEX workers_status_name ON workers (status, name, id)
  INCLUDE (residence_region_code, created_by, department_id, migrant_type, cross_province, created_at);

DROP POLICY workers_region_scope ON workers;
CREATE POLICY workers_scope ON workers
  USING (((SELECT mwsp_scope()) = '*' OR (residence_region_code >= (SELECT mwsp_scope()) AND residence_region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR ((SELECT mwsp_data_scope()) = 'self' AND created_by = (SELECT mwsp_user_id()))
              OR ((SELECT mwsp_data_scope()) = 'department' AND department_id = (SELECT mwsp_department_id()))))
  WITH CHECK (mwsp_in_scope(residence_region_code) AND mwsp_owned(created_by, department_id));

-- Exact totals without counting rows: workers per (residence, status, 本地/外出, 跨省, owner,
-- department), kept by statement-level triggers in the same transaction as the change. A list's
-- total is the sum over the groups its scope and filters select (a few thousand rows at most).
CREATE TABLE worker_counts (
  residence_region_code text COLLATE "C" NOT NULL,
  status text NOT NULL,
  migrant_type text NOT NULL,
  cross_province boolean NOT NULL,
  created_by uuid,
  department_id uuid,
  n bigint NOT NULL,
  CONSTRAINT worker_counts_key UNIQUE NULLS NOT DISTINCT (residence_region_code, status, migrant_type, cross_province, created_by, department_id)
);
INSERT INTO worker_counts
  SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, count(*)
  FROM workers GROUP BY 1, 2, 3, 4, 5, 6;
ALTER TABLE worker_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY worker_counts_scope ON worker_counts FOR SELECT
  USING (((SELECT mwsp_scope()) = '*' OR (residence_region_code >= (SELECT mwsp_scope()) AND residence_region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR ((SELECT mwsp_data_scope()) = 'self' AND created_by = (SELECT mwsp_user_id()))
              OR ((SELECT mwsp_data_scope()) = 'department' AND department_id = (SELECT mwsp_department_id()))));
GRANT SELECT ON worker_counts TO mwsp_app;   -- written only by the triggers below

-- Runs as the owner (SECURITY DEFINER): the application role cannot write the counts itself.
-- Groups are upserted in key order, so concurrent batches lock them in the same order.
CREATE FUNCTION mwsp_worker_counts_ins() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO worker_counts AS c
    SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT worker_counts_key DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
CREATE FUNCTION mwsp_worker_counts_upd() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO worker_counts AS c
    SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, sum(d)
    FROM (SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, 1 AS d FROM new_rows
          UNION ALL
          SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT worker_counts_key DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
CREATE FUNCTION mwsp_worker_counts_del() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO worker_counts AS c
    SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT worker_counts_key DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER workers_counts_ins AFTER INSERT ON workers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mwsp_worker_counts_ins();
CREATE TRIGGER workers_counts_upd AFTER UPDATE ON workers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mwsp_worker_counts_upd();
CREATE TRIGGER workers_counts_del AFTER DELETE ON workers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mwsp_worker_counts_del();
-- TRUNCATE (tests, demo reset by the owner) empties the counts too.
CREATE FUNCTION mwsp_worker_counts_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM worker_counts;
  RETURN NULL;
END $$;
CREATE TRIGGER workers_counts_truncate AFTER TRUNCATE ON workers FOR EACH STATEMENT EXECUTE FUNCTION mwsp_worker_counts_truncate();

-- A worker's current employment (the list's one lateral look-up per row of the page).
CREATE INDEX employments_worker_active ON employments (worker_id, start_date DESC) WHERE status = 'active';

-- ---------------------------------------------------------------- employers (writes only)
ALTER TABLE employers ADD COLUMN department_id uuid;
UPDATE employers m SET department_id = u.department_id FROM users u WHERE u.id = m.created_by AND m.department_id IS NULL;
DROP POLICY employers_insert ON employers;
DROP POLICY employers_update ON employers;
CREATE POLICY employers_insert ON employers FOR INSERT WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));
CREATE POLICY employers_update ON employers FOR UPDATE USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));

-- ---------------------------------------------------------------- import jobs
DROP POLICY import_jobs_region_scope ON import_jobs;
CREATE POLICY import_jobs_scope ON import_jobs USING (mwsp_in_scope(region_scope) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_scope) AND mwsp_owned(created_by, department_id));

-- Statistics for the new indexes on databases that already hold data (PGlite has no autovacuum).
ANALYZE workers;
ANALYZE employments;
ANALYZE worker_counts;

-- The registry's tables in forms Citus accepts, on every engine (issue #10; docs/SCALE.md §3, §5–§7):
--   1. every policy tests the row's OWN columns, without any subquery (no init-plan, no EXISTS);
--   2. employments, worker_insurance and insurance_transfers carry their worker's scope columns instead of
--      `EXISTS (SELECT … FROM workers)`: worker_region_code (the worker's residence), owner_id (the worker's
--      created_by) and owner_department_id (the worker's department_id). The registry's repos set them on
--      every insert from the worker row read under RLS, and update them in the same transaction when the
--      worker's residence, owner or department changes (or a merge moves the row to another worker);
--   3. worker_counts is written by the registry's repo in the same transaction as every change of workers
--      (the statement triggers with transition tables are gone: Citus cannot run them);
--   4. the SECURITY DEFINER look-ups over workers and employments are PL/pgSQL (Citus cannot plan
--      parameterised SQL-language functions over its tables); same names, arguments, results and grants.
-- employers needs nothing: employers_read is USING (true) and its insert/update policies (0011) already test
-- the row's own columns.

-- ---------------------------------------------------------------- workers
DROP POLICY workers_scope ON workers;
CREATE POLICY workers_scope ON workers
  USING (mwsp_in_scope(residence_region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(residence_region_code) AND mwsp_owned(created_by, department_id));

-- ---------------------------------------------------------------- worker_counts
-- (No TRUNCATE trigger either: whoever truncates workers truncates worker_counts in the same statement.)
DROP TRIGGER workers_counts_ins ON workers;
DROP TRIGGER workers_counts_upd ON workers;
DROP TRIGGER workers_counts_del ON workers;
DROP TRIGGER workers_counts_truncate ON workers;
DROP FUNCTION mwsp_worker_counts_ins();
DROP FUNCTION mwsp_worker_counts_upd();
DROP FUNCTION mwsp_worker_counts_del();
DROP FUNCTION mwsp_worker_counts_truncate();

-- The application's own upserts (registry repo: upsert in key order, `n = n + delta`). A group row is within
-- the caller's scope exactly when the workers it counts are, so the repo can only move counts it may see.
DROP POLICY worker_counts_scope ON worker_counts;
CREATE POLICY worker_counts_scope ON worker_counts
  USING (mwsp_in_scope(residence_region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(residence_region_code) AND mwsp_owned(created_by, department_id));
GRANT SELECT, INSERT, UPDATE ON worker_counts TO mwsp_app;

-- Start from exact counts (the triggers kept them; recounted once so that no drift survives the switch).
DELETE FROM worker_counts;
INSERT INTO worker_counts
  SELECT residence_region_code, status, migrant_type, cross_province, created_by, department_id, count(*)
  FROM workers GROUP BY 1, 2, 3, 4, 5, 6;

-- ---------------------------------------------------------------- the worker's children
ALTER TABLE employments ADD COLUMN worker_region_code text COLLATE "C";
ALTER TABLE employments ADD COLUMN owner_id uuid;
ALTER TABLE employments ADD COLUMN owner_department_id uuid;
UPDATE employments e SET worker_region_code = w.residence_region_code, owner_id = w.created_by,
  owner_department_id = w.department_id
  FROM workers w WHERE w.id = e.worker_id;
ALTER TABLE employments ALTER COLUMN worker_region_code SET NOT NULL;
DROP POLICY employments_via_worker ON employments;
CREATE POLICY employments_scope ON employments
  USING (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id));

ALTER TABLE worker_insurance ADD COLUMN worker_region_code text COLLATE "C";
ALTER TABLE worker_insurance ADD COLUMN owner_id uuid;
ALTER TABLE worker_insurance ADD COLUMN owner_department_id uuid;
UPDATE worker_insurance i SET worker_region_code = w.residence_region_code, owner_id = w.created_by,
  owner_department_id = w.department_id
  FROM workers w WHERE w.id = i.worker_id;
ALTER TABLE worker_insurance ALTER COLUMN worker_region_code SET NOT NULL;
DROP POLICY worker_insurance_via_worker ON worker_insurance;
CREATE POLICY worker_insurance_scope ON worker_insurance
  USING (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id));

ALTER TABLE insurance_transfers ADD COLUMN worker_region_code text COLLATE "C";
ALTER TABLE insurance_transfers ADD COLUMN owner_id uuid;
ALTER TABLE insurance_transfers ADD COLUMN owner_department_id uuid;
UPDATE insurance_transfers t SET worker_region_code = w.residence_region_code, owner_id = w.created_by,
  owner_department_id = w.department_id
  FROM workers w WHERE w.id = t.worker_id;
ALTER TABLE insurance_transfers ALTER COLUMN worker_region_code SET NOT NULL;
DROP POLICY insurance_transfers_via_worker ON insurance_transfers;
CREATE POLICY insurance_transfers_scope ON insurance_transfers
  USING (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id))
  WITH CHECK (mwsp_in_scope(worker_region_code) AND mwsp_owned(owner_id, owner_department_id));

-- ---------------------------------------------------------------- SECURITY DEFINER look-ups, in PL/pgSQL
-- (0003) One person, one record across the whole city: yes or no, never where or whose.
CREATE OR REPLACE FUNCTION mwsp_worker_registered(p_bidx text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM workers WHERE id_bidx = p_bidx);
END $$;
REVOKE ALL ON FUNCTION mwsp_worker_registered(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_worker_registered(text) TO mwsp_app;

-- (0005) Which of many blind indexes are registered anywhere: the indexes only.
CREATE OR REPLACE FUNCTION mwsp_workers_registered(p_bidx text[]) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY SELECT w.id_bidx FROM workers w WHERE w.id_bidx = ANY (p_bidx);
END $$;
REVOKE ALL ON FUNCTION mwsp_workers_registered(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_workers_registered(text[]) TO mwsp_app;

-- (0007) Enrolment on a project: an active worker by blind index anywhere, masked identity only, and whether
-- a signed active contract with one of the project's employers is on record. Two statements, one table each:
-- Citus refuses the correlated EXISTS over workers and employments (not joined on a distribution column).
CREATE OR REPLACE FUNCTION mwsp_worker_for_project(p_bidx text, p_employer_ids uuid[])
RETURNS TABLE (id uuid, name text, id_masked text, contract_signed boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  w record;
BEGIN
  FOR w IN SELECT x.id AS wid, x.name::text AS wname, x.id_masked AS wmasked
           FROM workers x WHERE x.id_bidx = p_bidx AND x.status = 'active' LOOP
    id := w.wid;
    name := w.wname;
    id_masked := w.wmasked;
    contract_signed := EXISTS (SELECT 1 FROM employments e WHERE e.worker_id = w.wid
                                 AND e.employer_id = ANY (p_employer_ids) AND e.contract_signed AND e.status = 'active');
    RETURN NEXT;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION mwsp_worker_for_project(text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_worker_for_project(text, uuid[]) TO mwsp_app;

ANALYZE employments;
ANALYZE worker_insurance;
ANALYZE insurance_transfers;
ANALYZE worker_counts;

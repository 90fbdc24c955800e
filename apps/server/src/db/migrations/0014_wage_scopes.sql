-- Data scopes 本人 (self) and 本部门 (department) on the wage records (issue #8, defect 3), like 0011
-- for the registry.
--
-- Owner and department of a record (README, "Data scopes"; modules/wages/README.md):
--   projects        owner = created_by (the user who registered the project), department = department_id
--                   (that user's department at registration; backfilled below from the user's current one)
--   project_units, project_teams, project_workers, attendance, wage_accounts, account_txns,
--   wage_deposits, deposit_movements, payrolls, payroll_lines, bank_payments, warning_scan_queue,
--   warnings, warning_actions: those of their project. A warning's department_code (the responsible
--                   department it is routed to) grants no visibility: a 本部门 user sees the warnings of
--                   its department's projects only.
--   arrears_cases   owner = created_by (the user who confirmed the arrears), department = department_id
--                   (that user's department; backfilled below)
--   arrears_items, arrears_payments: those of their case
--   defaulters      a public register (read USING true), listing region-scoped: unchanged
--
-- Rows with no owner (generated demo data) are seen by region and all scopes only. Every policy keeps
-- the region test of 0007 and adds the owner test only for 'self'/'department' (the data scope is an
-- InitPlan, so other scopes pay nothing per row).

-- ---------------------------------------------------------------- projects
ALTER TABLE projects ADD COLUMN department_id uuid;
UPDATE projects p SET department_id = u.department_id FROM users u WHERE u.id = p.created_by AND p.department_id IS NULL;
CREATE INDEX projects_created_by ON projects (created_by);
CREATE INDEX projects_department ON projects (department_id);
DROP POLICY projects_region_scope ON projects;
CREATE POLICY projects_scope ON projects
  USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR ((SELECT mwsp_data_scope()) = 'self' AND created_by = (SELECT mwsp_user_id()))
              OR ((SELECT mwsp_data_scope()) = 'department' AND department_id = (SELECT mwsp_department_id()))))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));

-- Whether the caller's 本人/本部门 scope covers this project (other scopes: true without a look-up).
CREATE OR REPLACE FUNCTION mwsp_project_owned(project uuid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT mwsp_data_scope() NOT IN ('self', 'department')
          OR EXISTS (SELECT 1 FROM projects p WHERE p.id = project AND mwsp_owned(p.created_by, p.department_id)) $$;

-- ---------------------------------------------------------------- records of a project
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['project_units', 'project_teams', 'project_workers', 'attendance', 'wage_accounts', 'account_txns', 'wage_deposits',
                           'payrolls', 'payroll_lines', 'bank_payments', 'warning_scan_queue', 'warnings'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_region_scope', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
             AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
                  OR EXISTS (SELECT 1 FROM projects o WHERE o.id = project_id AND mwsp_owned(o.created_by, o.department_id))))
      WITH CHECK (mwsp_in_scope(region_code) AND mwsp_project_owned(project_id))$p$, t || '_scope', t);
  END LOOP;
END $$;

DROP POLICY deposit_movements_region_scope ON deposit_movements;
CREATE POLICY deposit_movements_scope ON deposit_movements
  USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR EXISTS (SELECT 1 FROM wage_deposits d JOIN projects o ON o.id = d.project_id WHERE d.id = deposit_id AND mwsp_owned(o.created_by, o.department_id))))
  WITH CHECK (mwsp_in_scope(region_code) AND (mwsp_data_scope() NOT IN ('self', 'department')
              OR EXISTS (SELECT 1 FROM wage_deposits d JOIN projects o ON o.id = d.project_id WHERE d.id = deposit_id AND mwsp_owned(o.created_by, o.department_id))));

DROP POLICY warning_actions_region_scope ON warning_actions;
CREATE POLICY warning_actions_scope ON warning_actions
  USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR EXISTS (SELECT 1 FROM warnings w JOIN projects o ON o.id = w.project_id WHERE w.id = warning_id AND mwsp_owned(o.created_by, o.department_id))))
  WITH CHECK (mwsp_in_scope(region_code) AND (mwsp_data_scope() NOT IN ('self', 'department')
              OR EXISTS (SELECT 1 FROM warnings w JOIN projects o ON o.id = w.project_id WHERE w.id = warning_id AND mwsp_owned(o.created_by, o.department_id))));

-- ---------------------------------------------------------------- arrears cases and their rows
ALTER TABLE arrears_cases ADD COLUMN department_id uuid;
UPDATE arrears_cases c SET department_id = u.department_id FROM users u WHERE u.id = c.created_by AND c.department_id IS NULL;
CREATE INDEX arrears_cases_created_by ON arrears_cases (created_by);
CREATE INDEX arrears_cases_department ON arrears_cases (department_id);
DROP POLICY arrears_cases_region_scope ON arrears_cases;
CREATE POLICY arrears_cases_scope ON arrears_cases
  USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
         AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
              OR ((SELECT mwsp_data_scope()) = 'self' AND created_by = (SELECT mwsp_user_id()))
              OR ((SELECT mwsp_data_scope()) = 'department' AND department_id = (SELECT mwsp_department_id()))))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['arrears_items', 'arrears_payments'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_region_scope', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z'))
             AND ((SELECT mwsp_data_scope()) NOT IN ('self', 'department')
                  OR EXISTS (SELECT 1 FROM arrears_cases c WHERE c.id = case_id AND mwsp_owned(c.created_by, c.department_id))))
      WITH CHECK (mwsp_in_scope(region_code) AND (mwsp_data_scope() NOT IN ('self', 'department')
                  OR EXISTS (SELECT 1 FROM arrears_cases c WHERE c.id = case_id AND mwsp_owned(c.created_by, c.department_id))))$p$, t || '_scope', t);
  END LOOP;
END $$;

-- Arrears already confirmed for a project worker and month, whoever confirmed them: a 本人/本部门
-- user must not confirm the same wages twice because the other case is not in its scope.
CREATE FUNCTION mwsp_arrears_confirmed(p_project_worker uuid, p_month date) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(sum(i.amount_fen), 0)::bigint FROM arrears_items i JOIN arrears_cases c ON c.id = i.case_id
  WHERE i.project_worker_id = p_project_worker AND i.month = p_month AND c.status <> 'closed'
$$;
REVOKE ALL ON FUNCTION mwsp_arrears_confirmed(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_arrears_confirmed(uuid, date) TO mwsp_app;

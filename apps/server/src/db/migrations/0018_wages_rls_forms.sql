-- Citus-acceptable forms for the wage tables (issue #10; docs/SCALE.md). Citus refuses a policy that holds a
-- subquery (the `(SELECT mwsp_scope())` init-plans of 0007 and 0014, the EXISTS over the parent project or case
-- of 0014) and cannot plan a parameterised LANGUAGE sql function over its tables. So, on every engine:
--
-- 1. Every policy tests the row's OWN columns only:
--      mwsp_in_scope(region_code) AND mwsp_owned(<owner>, <department>)
--    (defaulters: a public list read by everyone, written region-scoped, as before).
-- 2. The records of a project or a case carry its parent's owner and department (README, "Data scopes";
--    0014): owner_id = the project's (case's) created_by, owner_department_id = its department_id. Set by the
--    wages repos on every insert from the parent row the service read under row-level security, never from the
--    caller; backfilled here. Nullable like the parent's (generated demo projects have no owner). A project's
--    (case's) region, owner and department never change after it is registered (confirmed), so the copies need
--    no upkeep; if that ever changes, the repo rewrites the children in the same transaction.
-- 3. The SECURITY DEFINER look-ups of the wages module are LANGUAGE plpgsql (same names, arguments, results,
--    grants and behaviour). mwsp_worker_for_project belongs to the registry (its own migration converts it).

-- ---------------------------------------------------------------- owner columns of a project's records
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['project_units', 'project_teams', 'project_workers', 'attendance', 'wage_accounts',
                           'account_txns', 'wage_deposits', 'deposit_movements', 'payrolls', 'payroll_lines',
                           'bank_payments', 'warning_scan_queue', 'warnings', 'warning_actions',
                           'arrears_items', 'arrears_payments'] LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN owner_id uuid, ADD COLUMN owner_department_id uuid', t);
  END LOOP;
  -- The one-off backfill: each record takes its project's (case's) owner and department.
  FOREACH t IN ARRAY ARRAY['project_units', 'project_teams', 'project_workers', 'attendance', 'wage_accounts',
                           'account_txns', 'wage_deposits', 'payrolls', 'payroll_lines', 'bank_payments',
                           'warning_scan_queue', 'warnings'] LOOP
    EXECUTE format('UPDATE %I x SET owner_id = p.created_by, owner_department_id = p.department_id
                    FROM projects p WHERE p.id = x.project_id AND (p.created_by IS NOT NULL OR p.department_id IS NOT NULL)', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['arrears_items', 'arrears_payments'] LOOP
    EXECUTE format('UPDATE %I x SET owner_id = c.created_by, owner_department_id = c.department_id
                    FROM arrears_cases c WHERE c.id = x.case_id AND (c.created_by IS NOT NULL OR c.department_id IS NOT NULL)', t);
  END LOOP;
END $$;
-- A deposit's movements and a warning's steps: those of the deposit's (warning's) project, i.e. of the deposit
-- (warning), backfilled just above.
UPDATE deposit_movements m SET owner_id = d.owner_id, owner_department_id = d.owner_department_id
  FROM wage_deposits d WHERE d.id = m.deposit_id AND (d.owner_id IS NOT NULL OR d.owner_department_id IS NOT NULL);
UPDATE warning_actions a SET owner_id = w.owner_id, owner_department_id = w.owner_department_id
  FROM warnings w WHERE w.id = a.warning_id AND (w.owner_id IS NOT NULL OR w.owner_department_id IS NOT NULL);

-- ---------------------------------------------------------------- policies
DROP POLICY projects_scope ON projects;
CREATE POLICY projects_scope ON projects
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));

DROP POLICY arrears_cases_scope ON arrears_cases;
CREATE POLICY arrears_cases_scope ON arrears_cases
  USING (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id))
  WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(created_by, department_id));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['project_units', 'project_teams', 'project_workers', 'attendance', 'wage_accounts',
                           'account_txns', 'wage_deposits', 'deposit_movements', 'payrolls', 'payroll_lines',
                           'bank_payments', 'warning_scan_queue', 'warnings', 'warning_actions',
                           'arrears_items', 'arrears_payments'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_scope', t);
    EXECUTE format('CREATE POLICY %I ON %I
      USING (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))
      WITH CHECK (mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))', t || '_scope', t);
  END LOOP;
END $$;

-- The 0014 helper behind the children's WITH CHECK (it read projects): no policy uses it any more.
DROP FUNCTION mwsp_project_owned(uuid);

-- The defaulter list: read by everyone (a public list), listed and updated within the caller's region. Same
-- meaning as 0007's update policy, without its init-plans.
DROP POLICY defaulters_update ON defaulters;
CREATE POLICY defaulters_update ON defaulters FOR UPDATE
  USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));

-- ---------------------------------------------------------------- SECURITY DEFINER look-ups, as plpgsql
-- The worker-facing wage lookup (0007): that worker's lines on that project, by month.
CREATE OR REPLACE FUNCTION mwsp_worker_wage_lookup(p_project_code text, p_id_bidx text, p_name text)
RETURNS TABLE (month date, days smallint, payable_fen bigint, deductions_fen bigint, net_fen bigint, paid_fen bigint, pay_date date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH pw AS (
    SELECT pw.id, pw.project_id FROM project_workers pw JOIN projects p ON p.id = pw.project_id
    WHERE p.code = p_project_code AND pw.id_bidx = p_id_bidx AND pw.name = p_name
  ), months AS (
    SELECT l.month FROM payroll_lines l JOIN pw ON l.project_worker_id = pw.id
    UNION SELECT b.month FROM bank_payments b JOIN pw ON b.project_worker_id = pw.id
  )
  SELECT m.month,
    (SELECT sum(l.days)::smallint FROM payroll_lines l JOIN pw ON l.project_worker_id = pw.id WHERE l.month = m.month AND l.entry = 'original'),
    (SELECT sum(l.payable_fen)::bigint FROM payroll_lines l JOIN pw ON l.project_worker_id = pw.id WHERE l.month = m.month),
    (SELECT sum(l.deductions_fen)::bigint FROM payroll_lines l JOIN pw ON l.project_worker_id = pw.id WHERE l.month = m.month),
    (SELECT sum(l.net_fen)::bigint FROM payroll_lines l JOIN pw ON l.project_worker_id = pw.id WHERE l.month = m.month),
    (SELECT coalesce(sum(b.amount_fen), 0)::bigint FROM bank_payments b JOIN pw ON b.project_worker_id = pw.id WHERE b.month = m.month AND b.succeeded),
    (SELECT max(b.paid_on) FROM bank_payments b JOIN pw ON b.project_worker_id = pw.id WHERE b.month = m.month AND b.succeeded)
  FROM months m ORDER BY m.month DESC;
END $$;

-- The names on record for an ID number on a project (0012).
CREATE OR REPLACE FUNCTION mwsp_project_worker_names(p_project_code text, p_id_bidx text)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
  SELECT DISTINCT pw.name::text FROM project_workers pw JOIN projects p ON p.id = pw.project_id
  WHERE p.code = p_project_code AND pw.id_bidx = p_id_bidx;
END $$;

-- An employer's wage-arrears history across the whole city (0015).
CREATE OR REPLACE FUNCTION mwsp_employer_wage_history(p_employer uuid)
RETURNS TABLE (arrears_dates date[], listed boolean, live_projects int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
  SELECT coalesce((SELECT array_agg(c.created_at::date ORDER BY c.created_at) FROM arrears_cases c WHERE c.employer_id = p_employer), '{}'),
    EXISTS (SELECT 1 FROM defaulters d WHERE d.employer_id = p_employer AND d.status = 'listed'),
    (SELECT count(*)::int FROM projects p WHERE p.contractor_id = p_employer AND p.status IN ('registered', 'in_progress'));
END $$;

-- Arrears already confirmed for a project worker and month, whoever confirmed them (0014).
CREATE OR REPLACE FUNCTION mwsp_arrears_confirmed(p_project_worker uuid, p_month date) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN (SELECT coalesce(sum(i.amount_fen), 0)::bigint FROM arrears_items i JOIN arrears_cases c ON c.id = i.case_id
          WHERE i.project_worker_id = p_project_worker AND i.month = p_month AND c.status <> 'closed');
END $$;

-- An employer's new name and credit code on all its listings, whoever listed them (0015).
CREATE OR REPLACE FUNCTION mwsp_defaulters_employer_changed(p_employer uuid, p_name text, p_credit_code text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE defaulters SET employer_name = p_name, employer_credit_code = p_credit_code
  WHERE employer_id = p_employer AND (employer_name <> p_name OR employer_credit_code <> p_credit_code);
END $$;

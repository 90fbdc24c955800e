-- The wage tables are distributed (issue #10 part 3, docs/SCALE.md §6/§8, docs/CONVENTIONS.md "Schema rules"):
-- every row carries county_code, the county (区/县) of its project — or of its arrears case when the case has no
-- project — the first 6 digits of the region code it already carries (the project's). Keys begin with
-- county_code, foreign keys between wage tables pair it, and on Citus each table is hashed on county_code and
-- co-located with `events`, so a project's records sit on one shard and join there. National uniqueness of a
-- project code moves to the look-up table project_codes (hashed on the code), written with the project.

-- Cross-county: a worker lives (and is stored) in the county of residence, a project's workforce in the
-- project's county; the registry is reached through its port (0015), never by a foreign key.
DO $$ BEGIN
  ALTER TABLE project_workers DROP CONSTRAINT IF EXISTS project_workers_worker_id_fkey;
  ALTER TABLE arrears_items DROP CONSTRAINT IF EXISTS arrears_items_worker_id_fkey;
END $$;

-- On Citus these tables are Citus local tables until distributed, and Citus propagates DDL on them with the
-- statement's text, which a multi-statement migration is not: the DDL below runs inside DO blocks (one text per
-- statement), one subcommand per ALTER TABLE (Citus refuses ADD CONSTRAINT with other subcommands).

-- ---------------------------------------------------------------- the column
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'project_units', 'project_teams', 'project_workers', 'attendance',
                           'wage_accounts', 'account_txns', 'wage_deposits', 'deposit_movements', 'payrolls',
                           'payroll_lines', 'bank_payments', 'warning_scan_queue', 'warnings', 'warning_actions',
                           'arrears_cases', 'arrears_items', 'arrears_payments', 'defaulters'] LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN county_code text COLLATE "C"', t);
    EXECUTE format('UPDATE %I SET county_code = left(region_code, 6)', t);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN county_code SET NOT NULL', t);
  END LOOP;
END $$;
-- A listing (失信名单) lives with its case when it has one (the case's county); a case with a project, with it.
UPDATE arrears_cases c SET county_code = p.county_code FROM projects p WHERE p.id = c.project_id;
UPDATE arrears_items i SET county_code = c.county_code FROM arrears_cases c WHERE c.id = i.case_id;
UPDATE arrears_payments x SET county_code = c.county_code FROM arrears_cases c WHERE c.id = x.case_id;
UPDATE defaulters d SET county_code = c.county_code FROM arrears_cases c WHERE c.id = d.case_id;

-- ---------------------------------------------------------------- foreign keys between wage tables (re-added below)
DO $$ BEGIN
  ALTER TABLE account_txns DROP CONSTRAINT account_txns_account_id_fkey;
  ALTER TABLE account_txns DROP CONSTRAINT account_txns_project_id_fkey;
  ALTER TABLE arrears_cases DROP CONSTRAINT arrears_cases_project_id_fkey;
  ALTER TABLE arrears_cases DROP CONSTRAINT arrears_cases_warning_id_fkey;
  ALTER TABLE arrears_items DROP CONSTRAINT arrears_items_case_id_fkey;
  ALTER TABLE arrears_items DROP CONSTRAINT arrears_items_project_worker_id_fkey;
  ALTER TABLE arrears_payments DROP CONSTRAINT arrears_payments_case_id_fkey;
  ALTER TABLE attendance DROP CONSTRAINT attendance_project_id_fkey;
  ALTER TABLE attendance DROP CONSTRAINT attendance_project_worker_id_fkey;
  ALTER TABLE bank_payments DROP CONSTRAINT bank_payments_account_id_fkey;
  ALTER TABLE bank_payments DROP CONSTRAINT bank_payments_project_id_fkey;
  ALTER TABLE bank_payments DROP CONSTRAINT bank_payments_project_worker_id_fkey;
  ALTER TABLE defaulters DROP CONSTRAINT defaulters_case_id_fkey;
  ALTER TABLE deposit_movements DROP CONSTRAINT deposit_movements_deposit_id_fkey;
  ALTER TABLE payroll_lines DROP CONSTRAINT payroll_lines_adjusts_line_id_fkey;
  ALTER TABLE payroll_lines DROP CONSTRAINT payroll_lines_payroll_id_fkey;
  ALTER TABLE payroll_lines DROP CONSTRAINT payroll_lines_project_worker_id_fkey;
  ALTER TABLE payrolls DROP CONSTRAINT payrolls_project_id_fkey;
  ALTER TABLE payrolls DROP CONSTRAINT payrolls_team_id_fkey;
  ALTER TABLE project_teams DROP CONSTRAINT project_teams_project_id_fkey;
  ALTER TABLE project_teams DROP CONSTRAINT project_teams_unit_id_fkey;
  ALTER TABLE project_units DROP CONSTRAINT project_units_project_id_fkey;
  ALTER TABLE project_workers DROP CONSTRAINT project_workers_project_id_fkey;
  ALTER TABLE project_workers DROP CONSTRAINT project_workers_team_id_fkey;
  ALTER TABLE wage_accounts DROP CONSTRAINT wage_accounts_project_id_fkey;
  ALTER TABLE wage_deposits DROP CONSTRAINT wage_deposits_project_id_fkey;
  ALTER TABLE warning_actions DROP CONSTRAINT warning_actions_warning_id_fkey;
  ALTER TABLE warning_scan_queue DROP CONSTRAINT warning_scan_queue_project_id_fkey;
  ALTER TABLE warnings DROP CONSTRAINT warnings_project_id_fkey;
END $$;

-- ---------------------------------------------------------------- keys: county_code first
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'project_units', 'project_teams', 'project_workers', 'wage_accounts',
                           'account_txns', 'wage_deposits', 'deposit_movements', 'payrolls', 'payroll_lines',
                           'bank_payments', 'warnings', 'warning_actions', 'arrears_cases', 'arrears_items',
                           'arrears_payments', 'defaulters'] LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (county_code, id)', t);
  END LOOP;
END $$;
DO $$ BEGIN
  ALTER TABLE attendance DROP CONSTRAINT attendance_pkey;
  ALTER TABLE attendance ADD PRIMARY KEY (county_code, project_id, month, project_worker_id);
  ALTER TABLE warning_scan_queue DROP CONSTRAINT warning_scan_queue_pkey;
  ALTER TABLE warning_scan_queue ADD PRIMARY KEY (county_code, project_id);

  ALTER TABLE projects DROP CONSTRAINT projects_code_key;
  ALTER TABLE projects ADD UNIQUE (county_code, code);
  ALTER TABLE project_units DROP CONSTRAINT project_units_project_id_employer_id_key;
  ALTER TABLE project_units ADD UNIQUE (county_code, project_id, employer_id);
  ALTER TABLE project_teams DROP CONSTRAINT project_teams_project_id_name_key;
  ALTER TABLE project_teams ADD UNIQUE (county_code, project_id, name);
  ALTER TABLE project_workers DROP CONSTRAINT project_workers_project_id_id_bidx_key;
  ALTER TABLE project_workers DROP CONSTRAINT project_workers_project_id_worker_id_key;
  ALTER TABLE project_workers ADD UNIQUE (county_code, project_id, id_bidx);
  ALTER TABLE project_workers ADD UNIQUE (county_code, project_id, worker_id);
  ALTER TABLE wage_accounts DROP CONSTRAINT wage_accounts_project_id_key;
  ALTER TABLE wage_accounts ADD UNIQUE (county_code, project_id);
  ALTER TABLE wage_deposits DROP CONSTRAINT wage_deposits_project_id_key;
  ALTER TABLE wage_deposits ADD UNIQUE (county_code, project_id);
  ALTER TABLE payrolls DROP CONSTRAINT payrolls_project_id_month_team_key_key;
  ALTER TABLE payrolls ADD UNIQUE (county_code, project_id, month, team_key);
  ALTER TABLE bank_payments DROP CONSTRAINT bank_payments_account_id_bank_ref_key;
  ALTER TABLE bank_payments ADD UNIQUE (county_code, account_id, bank_ref);
-- The sequences keep seq unique nationally; the key says it per county, as a distributed table can.
  ALTER TABLE warnings DROP CONSTRAINT warnings_seq_key;
  ALTER TABLE warnings ADD UNIQUE (county_code, seq);
  ALTER TABLE arrears_cases DROP CONSTRAINT arrears_cases_seq_key;
  ALTER TABLE arrears_cases ADD UNIQUE (county_code, seq);
  ALTER TABLE arrears_items DROP CONSTRAINT arrears_items_case_id_worker_id_month_key;
  ALTER TABLE arrears_items ADD UNIQUE (county_code, case_id, worker_id, month);

  DROP INDEX payroll_lines_one_original;
  CREATE UNIQUE INDEX payroll_lines_one_original ON payroll_lines (county_code, project_worker_id, month) WHERE entry = 'original';
  DROP INDEX warnings_live_key;
  CREATE UNIQUE INDEX warnings_live_key ON warnings (county_code, finding_key) WHERE status NOT IN ('closed', 'cleared');
-- One live listing per employer per county: the listing service checks the employer's listings everywhere
-- first (mwsp_employer_wage_history); only two counties listing one employer at the same instant both pass.
  DROP INDEX defaulters_one_listing;
  CREATE UNIQUE INDEX defaulters_one_listing ON defaulters (county_code, employer_id) WHERE status = 'listed';
END $$;

-- ---------------------------------------------------------------- project_codes: the national look-up (项目编号)
DO $$ BEGIN
  CREATE TABLE project_codes (
    code text COLLATE "C" PRIMARY KEY,
    county_code text COLLATE "C" NOT NULL,
    region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
    project_id uuid NOT NULL
  );
  INSERT INTO project_codes (code, county_code, region_code, project_id)
    SELECT code, county_code, region_code, id FROM projects;
  ALTER TABLE project_codes ENABLE ROW LEVEL SECURITY;
  CREATE POLICY project_codes_scope ON project_codes
    USING (mwsp_in_scope(region_code)) WITH CHECK (mwsp_in_scope(region_code));
  GRANT SELECT, INSERT ON project_codes TO mwsp_app;
END $$;

-- ---------------------------------------------------------------- SECURITY DEFINER look-ups, county named
-- The worker-facing wage lookup: the project through project_codes, then one county's rows.
CREATE OR REPLACE FUNCTION mwsp_worker_wage_lookup(p_project_code text, p_id_bidx text, p_name text)
RETURNS TABLE (month date, days smallint, payable_fen bigint, deductions_fen bigint, net_fen bigint, paid_fen bigint, pay_date date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
DECLARE v_county text; v_project uuid; v_pw uuid;
BEGIN
  SELECT c.county_code, c.project_id INTO v_county, v_project FROM project_codes c WHERE c.code = p_project_code;
  IF v_county IS NULL THEN RETURN; END IF;
  SELECT pw.id INTO v_pw FROM project_workers pw
  WHERE pw.county_code = v_county AND pw.project_id = v_project AND pw.id_bidx = p_id_bidx AND pw.name = p_name;
  IF v_pw IS NULL THEN RETURN; END IF;
  RETURN QUERY
  WITH l AS (
    SELECT l.month, l.days, l.entry, l.payable_fen, l.deductions_fen, l.net_fen FROM payroll_lines l
    WHERE l.county_code = v_county AND l.project_worker_id = v_pw
  ), b AS (
    SELECT b.month, b.amount_fen, b.paid_on FROM bank_payments b
    WHERE b.county_code = v_county AND b.project_worker_id = v_pw AND b.succeeded
  ), months AS (
    SELECT l.month FROM payroll_lines l WHERE l.county_code = v_county AND l.project_worker_id = v_pw
    UNION SELECT b.month FROM bank_payments b WHERE b.county_code = v_county AND b.project_worker_id = v_pw
  )
  SELECT m.month,
    (SELECT sum(l.days)::smallint FROM l WHERE l.month = m.month AND l.entry = 'original'),
    (SELECT sum(l.payable_fen)::bigint FROM l WHERE l.month = m.month),
    (SELECT sum(l.deductions_fen)::bigint FROM l WHERE l.month = m.month),
    (SELECT sum(l.net_fen)::bigint FROM l WHERE l.month = m.month),
    (SELECT coalesce(sum(b.amount_fen), 0)::bigint FROM b WHERE b.month = m.month),
    (SELECT max(b.paid_on) FROM b WHERE b.month = m.month)
  FROM months m ORDER BY m.month DESC;
END $$;

-- The names on record for an ID number on a project: the project through project_codes, then its county.
CREATE OR REPLACE FUNCTION mwsp_project_worker_names(p_project_code text, p_id_bidx text)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE v_county text; v_project uuid;
BEGIN
  SELECT c.county_code, c.project_id INTO v_county, v_project FROM project_codes c WHERE c.code = p_project_code;
  IF v_county IS NULL THEN RETURN; END IF;
  RETURN QUERY
  SELECT DISTINCT pw.name::text FROM project_workers pw
  WHERE pw.county_code = v_county AND pw.project_id = v_project AND pw.id_bidx = p_id_bidx;
END $$;

-- Arrears already confirmed for a project worker and month, whoever confirmed them: in the project's county.
DROP FUNCTION mwsp_arrears_confirmed(uuid, date);
CREATE FUNCTION mwsp_arrears_confirmed(p_county text, p_project_worker uuid, p_month date) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN (SELECT coalesce(sum(i.amount_fen), 0)::bigint FROM arrears_items i
          JOIN arrears_cases c ON c.county_code = i.county_code AND c.id = i.case_id
          WHERE i.county_code = p_county AND c.county_code = p_county AND i.project_worker_id = p_project_worker
            AND i.month = p_month AND c.status <> 'closed');
END $$;
REVOKE ALL ON FUNCTION mwsp_arrears_confirmed(text, uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_arrears_confirmed(text, uuid, date) TO mwsp_app;
-- mwsp_employer_wage_history reads one table per statement, for an employer anywhere in the city: no join to
-- co-locate, it runs on every shard (0018's body stands). A renamed employer's listings are updated by the
-- wages repo under the system scope in the renaming transaction (db/client.ts underScope): on Citus this
-- definer's owner connections could not touch shards the renaming transaction had written as the application.
DROP FUNCTION mwsp_defaulters_employer_changed(uuid, text, text);

-- ---------------------------------------------------------------- Citus: hashed on county_code, with events
DO $$
DECLARE t text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    -- The employer register is a reference table (the registry's migration; here only when it is not one
    -- yet): projects, units, cases and listings keep their foreign keys into it.
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'employers'::regclass AND repmodel = 't')
    THEN
      PERFORM create_reference_table('employers');
    END IF;
    FOREACH t IN ARRAY ARRAY['projects', 'project_units', 'project_teams', 'project_workers', 'attendance',
                             'wage_accounts', 'account_txns', 'wage_deposits', 'deposit_movements', 'payrolls',
                             'payroll_lines', 'bank_payments', 'warning_scan_queue', 'warnings', 'warning_actions',
                             'arrears_cases', 'arrears_items', 'arrears_payments', 'defaulters'] LOOP
      PERFORM create_distributed_table(t, 'county_code', colocate_with => 'events');
    END LOOP;
    PERFORM create_distributed_table('project_codes', 'code', colocate_with => 'none');
  END IF;
END $$;

-- ---------------------------------------------------------------- foreign keys, county_code paired
-- Added after the tables are distributed (co-located foreign keys), each statement EXECUTEd on its own: Citus
-- propagates DDL on a distributed table with the statement's text, which a multi-statement migration is not.
DO $$ BEGIN
  EXECUTE 'ALTER TABLE project_units ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE project_teams ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE project_teams ADD FOREIGN KEY (county_code, unit_id) REFERENCES project_units (county_code, id)';
  EXECUTE 'ALTER TABLE project_workers ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE project_workers ADD FOREIGN KEY (county_code, team_id) REFERENCES project_teams (county_code, id)';
  EXECUTE 'ALTER TABLE attendance ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE attendance ADD FOREIGN KEY (county_code, project_worker_id) REFERENCES project_workers (county_code, id)';
  EXECUTE 'ALTER TABLE wage_accounts ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE account_txns ADD FOREIGN KEY (county_code, account_id) REFERENCES wage_accounts (county_code, id)';
  EXECUTE 'ALTER TABLE account_txns ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE wage_deposits ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE deposit_movements ADD FOREIGN KEY (county_code, deposit_id) REFERENCES wage_deposits (county_code, id)';
  EXECUTE 'ALTER TABLE payrolls ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE payrolls ADD FOREIGN KEY (county_code, team_id) REFERENCES project_teams (county_code, id)';
  EXECUTE 'ALTER TABLE payroll_lines ADD FOREIGN KEY (county_code, payroll_id) REFERENCES payrolls (county_code, id)';
  EXECUTE 'ALTER TABLE payroll_lines ADD FOREIGN KEY (county_code, project_worker_id) REFERENCES project_workers (county_code, id)';
  EXECUTE 'ALTER TABLE payroll_lines ADD FOREIGN KEY (county_code, adjusts_line_id) REFERENCES payroll_lines (county_code, id)';
  EXECUTE 'ALTER TABLE bank_payments ADD FOREIGN KEY (county_code, account_id) REFERENCES wage_accounts (county_code, id)';
  EXECUTE 'ALTER TABLE bank_payments ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE bank_payments ADD FOREIGN KEY (county_code, project_worker_id) REFERENCES project_workers (county_code, id)';
  EXECUTE 'ALTER TABLE warning_scan_queue ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE warnings ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE warning_actions ADD FOREIGN KEY (county_code, warning_id) REFERENCES warnings (county_code, id)';
  EXECUTE 'ALTER TABLE arrears_cases ADD FOREIGN KEY (county_code, project_id) REFERENCES projects (county_code, id)';
  EXECUTE 'ALTER TABLE arrears_cases ADD FOREIGN KEY (county_code, warning_id) REFERENCES warnings (county_code, id)';
  EXECUTE 'ALTER TABLE arrears_items ADD FOREIGN KEY (county_code, case_id) REFERENCES arrears_cases (county_code, id)';
  EXECUTE 'ALTER TABLE arrears_items ADD FOREIGN KEY (county_code, project_worker_id) REFERENCES project_workers (county_code, id)';
  EXECUTE 'ALTER TABLE arrears_payments ADD FOREIGN KEY (county_code, case_id) REFERENCES arrears_cases (county_code, id)';
  EXECUTE 'ALTER TABLE defaulters ADD FOREIGN KEY (county_code, case_id) REFERENCES arrears_cases (county_code, id)';
END $$;

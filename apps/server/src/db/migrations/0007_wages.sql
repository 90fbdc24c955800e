-- Wage payment guarantee (根治欠薪): projects, dedicated wage accounts, deposits, the wage ledger,
-- bank payments, early warnings with their disposal, arrears cases and the defaulter list.
-- Every table carries the project's (or employer's) region code for row-level security. Money is
-- integer 分 throughout. The ledger tables are append-only for the application role: corrections
-- are adjusting entries (保障农民工工资支付条例 Art. 15: kept ≥ 3 years).

-- Row-level security on these large tables reads the scope once per statement: `(SELECT mwsp_scope())`
-- is an init-plan, so the per-row test compares with a constant, and the range on region_code can use
-- an index. (mwsp_in_scope() calls current_setting() for every row: on the warning engine's scans of
-- ~10 million ledger rows that alone cost about half again the query time.)

CREATE TABLE projects (                              -- 工程建设项目
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text COLLATE "C" NOT NULL UNIQUE,            -- 项目编号 (platform-issued or the permit's)
  name text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL REFERENCES regions(code),   -- township (乡镇/街道) or village
  category text NOT NULL CHECK (category IN ('housing', 'municipal', 'transport', 'water', 'other')),
  client_id uuid NOT NULL REFERENCES employers(id),                 -- 建设单位
  contractor_id uuid NOT NULL REFERENCES employers(id),             -- 施工总承包单位
  permit_no text,                                                   -- 施工许可证号
  funding_in_place boolean NOT NULL DEFAULT false,                  -- 资金到位 (Art. 23)
  payment_guarantee boolean NOT NULL DEFAULT false,                 -- 工程款支付担保 (Art. 24)
  contract_amount_fen bigint NOT NULL CHECK (contract_amount_fen > 0),
  labour_share_bp int NOT NULL CHECK (labour_share_bp BETWEEN 1 AND 10000),   -- 人工费用占比, basis points
  allocation_day smallint NOT NULL CHECK (allocation_day BETWEEN 1 AND 28),   -- client's monthly 人工费用拨付日
  pay_day smallint NOT NULL CHECK (pay_day BETWEEN 1 AND 28),                 -- monthly pay day (for the previous month)
  contract_signed_on date NOT NULL,
  start_date date NOT NULL,
  planned_end_date date NOT NULL,
  completed_on date,
  status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'in_progress', 'suspended', 'completed', 'closed')),
  labour_officer_name text,                                         -- 劳资专管员
  labour_officer_phone_enc text,
  labour_officer_phone_masked text,
  notice_board_posted_on date,                                      -- 维权信息告示牌 set up on site
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (planned_end_date >= start_date)
);
CREATE INDEX projects_region ON projects (region_code);
CREATE INDEX projects_name ON projects (name);
CREATE INDEX projects_contractor ON projects (contractor_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_region_scope ON projects USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON projects TO mwsp_app;

CREATE TABLE project_units (                         -- 参建单位: subcontractors (分包单位)
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  employer_id uuid NOT NULL REFERENCES employers(id),
  role text NOT NULL CHECK (role IN ('subcontractor', 'labour_subcontractor')),
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, employer_id)
);
ALTER TABLE project_units ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_units_region_scope ON project_units USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON project_units TO mwsp_app;

CREATE TABLE project_teams (                         -- 班组
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  name text NOT NULL,
  unit_id uuid REFERENCES project_units(id),        -- the subcontractor the team works for (null = general contractor)
  leader_name text,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);
ALTER TABLE project_teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_teams_region_scope ON project_teams USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON project_teams TO mwsp_app;

-- The real-name workforce of a project. Name and masked ID are copied from the registry at enrolment
-- so the project's officers (scoped to the project's region) can read their own ledger; the registry
-- record itself stays scoped to the worker's residence.
CREATE TABLE project_workers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  worker_id uuid NOT NULL REFERENCES workers(id),
  team_id uuid REFERENCES project_teams(id),
  name text NOT NULL,
  id_bidx text NOT NULL,
  id_masked text NOT NULL,
  entry_date date NOT NULL,
  exit_date date,
  contract_present boolean NOT NULL,                -- a signed labour contract on record (no contract, no entry)
  settled_on date,                                  -- 离场结算 confirmed
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, worker_id),
  UNIQUE (project_id, id_bidx)
);
CREATE INDEX project_workers_worker ON project_workers (worker_id);
CREATE INDEX project_workers_exit ON project_workers (project_id) WHERE exit_date IS NOT NULL AND settled_on IS NULL;
ALTER TABLE project_workers ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_workers_region_scope ON project_workers USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON project_workers TO mwsp_app;

CREATE TABLE attendance (                            -- 考勤: days worked per worker per month
  project_id uuid NOT NULL REFERENCES projects(id),
  project_worker_id uuid NOT NULL REFERENCES project_workers(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  days smallint NOT NULL CHECK (days BETWEEN 0 AND 31),
  region_code text COLLATE "C" NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, month, project_worker_id)
);
ALTER TABLE attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY attendance_region_scope ON attendance USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON attendance TO mwsp_app;

CREATE TABLE wage_accounts (                         -- 农民工工资专用账户
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL UNIQUE REFERENCES projects(id),
  bank_name text NOT NULL,
  account_name text NOT NULL,
  account_enc text NOT NULL,
  account_bidx text NOT NULL,
  account_masked text NOT NULL,
  opened_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closing', 'closed')),
  closure_notice_from date,                         -- 30-day public notice before closure
  closed_on date,
  balance_fen bigint NOT NULL DEFAULT 0,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE wage_accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY wage_accounts_region_scope ON wage_accounts USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON wage_accounts TO mwsp_app;

CREATE TABLE account_txns (                          -- movements of the dedicated account
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES wage_accounts(id),
  project_id uuid NOT NULL REFERENCES projects(id),
  kind text NOT NULL CHECK (kind IN ('allocation', 'payment', 'refund', 'other_in')),   -- 人工费用拨付 in / 代发 out / 退回
  month date CHECK (month IS NULL OR extract(day FROM month) = 1),                     -- the wage month it is for
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  txn_date date NOT NULL,
  ref text,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_txns_project ON account_txns (project_id, kind, month);
ALTER TABLE account_txns ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_txns_region_scope ON account_txns USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON account_txns TO mwsp_app;
GRANT USAGE ON SEQUENCE account_txns_id_seq TO mwsp_app;

CREATE TABLE wage_deposits (                         -- 工资保证金
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL UNIQUE REFERENCES projects(id),
  form text NOT NULL CHECK (form IN ('cash', 'bank_guarantee', 'insurance', 'exempt')),
  rate_bp int NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  required_fen bigint NOT NULL CHECK (required_fen >= 0),
  balance_fen bigint NOT NULL CHECK (balance_fen >= 0),
  basis text NOT NULL,                              -- how the rate was decided (grade, exemption)
  bank_name text,
  letter_no text,                                   -- 保函编号
  valid_until date,
  deposited_on date,
  topup_due_on date,                                -- 10 working days after a drawdown
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'topup_due', 'returned', 'exempt')),
  returned_on date,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE wage_deposits ENABLE ROW LEVEL SECURITY;
CREATE POLICY wage_deposits_region_scope ON wage_deposits USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON wage_deposits TO mwsp_app;

CREATE TABLE deposit_movements (
  id bigserial PRIMARY KEY,
  deposit_id uuid NOT NULL REFERENCES wage_deposits(id),
  kind text NOT NULL CHECK (kind IN ('deposit', 'drawdown', 'topup', 'return')),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  on_date date NOT NULL,
  note text,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deposit_movements_deposit ON deposit_movements (deposit_id, id);
ALTER TABLE deposit_movements ENABLE ROW LEVEL SECURITY;
CREATE POLICY deposit_movements_region_scope ON deposit_movements USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON deposit_movements TO mwsp_app;
GRANT USAGE ON SEQUENCE deposit_movements_id_seq TO mwsp_app;

CREATE TABLE payrolls (                              -- 工资表 (one per project, team and month)
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  team_key text NOT NULL DEFAULT '',                -- team id or '' for the whole project
  team_id uuid REFERENCES project_teams(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  source text NOT NULL CHECK (source IN ('import', 'manual')),
  import_id uuid,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, month, team_key)
);
ALTER TABLE payrolls ENABLE ROW LEVEL SECURITY;
CREATE POLICY payrolls_region_scope ON payrolls USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON payrolls TO mwsp_app;

CREATE TABLE payroll_lines (                         -- 工资支付台账: append-only, corrections are adjusting entries
  id bigserial PRIMARY KEY,
  payroll_id uuid NOT NULL REFERENCES payrolls(id),
  project_id uuid NOT NULL,
  project_worker_id uuid NOT NULL REFERENCES project_workers(id),
  month date NOT NULL,
  days smallint NOT NULL CHECK (days BETWEEN 0 AND 31),
  payable_fen bigint NOT NULL,                      -- 应发
  deductions_fen bigint NOT NULL,                   -- 代扣代缴及扣款
  net_fen bigint NOT NULL,                          -- 实发 = 应发 − 扣款
  pay_date date,
  confirmed boolean NOT NULL DEFAULT false,         -- worker's signature / in-app confirmation
  entry text NOT NULL DEFAULT 'original' CHECK (entry IN ('original', 'adjustment')),
  adjusts_line_id bigint REFERENCES payroll_lines(id),
  reason text,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (net_fen = payable_fen - deductions_fen),
  CHECK (entry = 'adjustment' OR (payable_fen >= 0 AND deductions_fen >= 0 AND net_fen >= 0)),
  CHECK ((entry = 'adjustment') = (adjusts_line_id IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX payroll_lines_project_month ON payroll_lines (project_id, month, project_worker_id);
CREATE INDEX payroll_lines_worker ON payroll_lines (project_worker_id, month);
CREATE UNIQUE INDEX payroll_lines_one_original ON payroll_lines (project_worker_id, month) WHERE entry = 'original';
ALTER TABLE payroll_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY payroll_lines_region_scope ON payroll_lines USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON payroll_lines TO mwsp_app;
GRANT USAGE ON SEQUENCE payroll_lines_id_seq TO mwsp_app;

CREATE TABLE bank_payments (                         -- 代发结果 returned by the bank, per worker
  id bigserial PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects(id),
  account_id uuid NOT NULL REFERENCES wage_accounts(id),
  project_worker_id uuid NOT NULL REFERENCES project_workers(id),
  month date NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  succeeded boolean NOT NULL,
  failure_reason text,
  bank_ref text COLLATE "C" NOT NULL,               -- the bank's serial number
  paid_on date NOT NULL,
  import_id uuid,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, bank_ref)
);
CREATE INDEX bank_payments_project_month ON bank_payments (project_id, month, project_worker_id);
CREATE INDEX bank_payments_worker ON bank_payments (project_worker_id, month);
ALTER TABLE bank_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY bank_payments_region_scope ON bank_payments USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON bank_payments TO mwsp_app;
GRANT USAGE ON SEQUENCE bank_payments_id_seq TO mwsp_app;

-- Projects whose data changed since their last scan (the incremental scan's work list).
CREATE TABLE warning_scan_queue (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  region_code text COLLATE "C" NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE warning_scan_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY warning_scan_queue_region_scope ON warning_scan_queue USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE, DELETE ON warning_scan_queue TO mwsp_app;

CREATE TABLE warnings (                              -- 欠薪预警
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial UNIQUE,                             -- human-friendly number
  rule text NOT NULL,
  project_id uuid NOT NULL REFERENCES projects(id),
  month date,                                       -- the wage month concerned ('-infinity' never; null = project-wide)
  finding_key text COLLATE "C" NOT NULL,            -- rule|project|month: one live warning per key
  level text NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'in_progress', 'closed', 'cleared')),
  detail jsonb NOT NULL,                            -- what exactly fired: counts, amounts, worker ids
  workers_affected int NOT NULL DEFAULT 0,
  amount_fen bigint NOT NULL DEFAULT 0,
  region_code text COLLATE "C" NOT NULL,            -- the project's region: routes to its county/township
  department_code text,                             -- responsible department
  assignee_id uuid,
  assignee_name text,
  due_on date,                                      -- handling deadline in working days
  escalation int NOT NULL DEFAULT 0,
  result text,
  first_detected_at timestamptz NOT NULL,
  last_detected_at timestamptz NOT NULL,
  cleared_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX warnings_live_key ON warnings (finding_key) WHERE status NOT IN ('closed', 'cleared');
CREATE INDEX warnings_project ON warnings (project_id, rule);
CREATE INDEX warnings_region_status ON warnings (region_code, status, level);
CREATE INDEX warnings_due ON warnings (due_on) WHERE status NOT IN ('closed', 'cleared');
ALTER TABLE warnings ENABLE ROW LEVEL SECURITY;
CREATE POLICY warnings_region_scope ON warnings USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON warnings TO mwsp_app;
GRANT USAGE ON SEQUENCE warnings_seq_seq TO mwsp_app;

CREATE TABLE warning_actions (                       -- every step of a warning's life, append-only
  id bigserial PRIMARY KEY,
  warning_id uuid NOT NULL REFERENCES warnings(id),
  ts timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('detected', 'level_changed', 'assigned', 'acted', 'escalated', 'closed', 'cleared')),
  actor_id uuid,
  actor_name text,
  note text,
  data jsonb NOT NULL DEFAULT '{}',
  region_code text COLLATE "C" NOT NULL
);
CREATE INDEX warning_actions_warning ON warning_actions (warning_id, id);
CREATE INDEX warning_actions_ts ON warning_actions (ts, action);
ALTER TABLE warning_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY warning_actions_region_scope ON warning_actions USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON warning_actions TO mwsp_app;
GRANT USAGE ON SEQUENCE warning_actions_id_seq TO mwsp_app;

CREATE TABLE arrears_cases (                         -- 欠薪案件: confirmed arrears
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial UNIQUE,
  project_id uuid REFERENCES projects(id),
  employer_id uuid NOT NULL REFERENCES employers(id),   -- the liable employer (subcontractor or contractor)
  warning_id uuid REFERENCES warnings(id),
  status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'ordered', 'paid', 'transferred', 'closed')),
  summary text NOT NULL,
  order_no text,                                    -- 限期支付令 number
  ordered_on date,
  order_due_on date,
  transferred_on date,                              -- 移送公安
  transfer_note text,
  closed_on date,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX arrears_cases_region ON arrears_cases (region_code, status);
CREATE INDEX arrears_cases_employer ON arrears_cases (employer_id);
ALTER TABLE arrears_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY arrears_cases_region_scope ON arrears_cases USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON arrears_cases TO mwsp_app;
GRANT USAGE ON SEQUENCE arrears_cases_seq_seq TO mwsp_app;

CREATE TABLE arrears_items (                         -- per worker and month
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES arrears_cases(id),
  project_worker_id uuid REFERENCES project_workers(id),
  worker_id uuid NOT NULL REFERENCES workers(id),
  worker_name text NOT NULL,
  id_masked text NOT NULL,
  month date NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  region_code text COLLATE "C" NOT NULL,
  UNIQUE (case_id, worker_id, month),
  CHECK (paid_fen <= amount_fen)
);
CREATE INDEX arrears_items_worker ON arrears_items (worker_id);
ALTER TABLE arrears_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY arrears_items_region_scope ON arrears_items USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON arrears_items TO mwsp_app;
GRANT USAGE ON SEQUENCE arrears_items_id_seq TO mwsp_app;

CREATE TABLE arrears_payments (                      -- who paid what towards a case, and recoveries
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES arrears_cases(id),
  source text NOT NULL CHECK (source IN ('employer', 'contractor_advance', 'client_advance', 'deposit', 'emergency_fund', 'recovery')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  on_date date NOT NULL,
  note text,
  region_code text COLLATE "C" NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX arrears_payments_case ON arrears_payments (case_id, id);
ALTER TABLE arrears_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY arrears_payments_region_scope ON arrears_payments USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT ON arrears_payments TO mwsp_app;
GRANT USAGE ON SEQUENCE arrears_payments_id_seq TO mwsp_app;

CREATE TABLE defaulters (                            -- 拖欠农民工工资失信联合惩戒对象名单 (人社部令第45号)
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL REFERENCES employers(id),
  case_id uuid REFERENCES arrears_cases(id),
  basis text NOT NULL,                              -- legal basis (Art. 5 ground)
  reason text NOT NULL,
  responsible_persons text,                         -- 法定代表人、直接负责的主管人员
  decision_no text NOT NULL,
  listed_on date NOT NULL,
  expires_on date NOT NULL,                         -- 3 years
  status text NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'removed', 'expired')),
  corrected_on date,                                -- wages fully paid
  undertaking boolean NOT NULL DEFAULT false,       -- 信用承诺
  removed_on date,
  removal_note text,
  region_code text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX defaulters_one_listing ON defaulters (employer_id) WHERE status = 'listed';
ALTER TABLE defaulters ENABLE ROW LEVEL SECURITY;
CREATE POLICY defaulters_read ON defaulters FOR SELECT USING (true);    -- a public list
CREATE POLICY defaulters_insert ON defaulters FOR INSERT WITH CHECK (mwsp_in_scope(region_code));
CREATE POLICY defaulters_update ON defaulters FOR UPDATE USING ((SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT mwsp_scope()) || 'z')) WITH CHECK (mwsp_in_scope(region_code));
GRANT SELECT, INSERT, UPDATE ON defaulters TO mwsp_app;

-- The worker-facing wage lookup (QR code on the notice board): a worker proves who they are with the
-- ID number's blind index and the name; the function answers only that worker's lines on that project.
CREATE FUNCTION mwsp_worker_wage_lookup(p_project_code text, p_id_bidx text, p_name text)
RETURNS TABLE (month date, days smallint, payable_fen bigint, deductions_fen bigint, net_fen bigint, paid_fen bigint, pay_date date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
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
  FROM months m ORDER BY m.month DESC
$$;
REVOKE ALL ON FUNCTION mwsp_worker_wage_lookup(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_worker_wage_lookup(text, text, text) TO mwsp_app;

-- Enrolment on a project: finds a registered worker by the ID number's blind index wherever they live
-- (the registry record stays scoped to the residence) and tells whether a signed labour contract with
-- one of the project's employers is on record. Answers only the masked identity.
CREATE FUNCTION mwsp_worker_for_project(p_bidx text, p_employer_ids uuid[])
RETURNS TABLE (id uuid, name text, id_masked text, contract_signed boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT w.id, w.name::text, w.id_masked,
    EXISTS (SELECT 1 FROM employments e WHERE e.worker_id = w.id AND e.employer_id = ANY (p_employer_ids) AND e.contract_signed AND e.status = 'active')
  FROM workers w WHERE w.id_bidx = p_bidx AND w.status = 'active'
$$;
REVOKE ALL ON FUNCTION mwsp_worker_for_project(text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_worker_for_project(text, uuid[]) TO mwsp_app;

-- An employer's wage-arrears history across the whole city, for its integrity grade and deposit rate:
-- an officer of one county must not grade a contractor clean because its arrears lie in another.
-- Answers dates and a yes/no only.
CREATE FUNCTION mwsp_employer_wage_history(p_employer uuid)
RETURNS TABLE (since date, arrears_dates date[], listed boolean, live_projects int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT (SELECT created_at::date FROM employers WHERE id = p_employer),
    coalesce((SELECT array_agg(c.created_at::date ORDER BY c.created_at) FROM arrears_cases c WHERE c.employer_id = p_employer), '{}'),
    EXISTS (SELECT 1 FROM defaulters d WHERE d.employer_id = p_employer AND d.status = 'listed'),
    (SELECT count(*)::int FROM projects p WHERE p.contractor_id = p_employer AND p.status IN ('registered', 'in_progress'))
$$;
REVOKE ALL ON FUNCTION mwsp_employer_wage_history(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mwsp_employer_wage_history(uuid) TO mwsp_app;

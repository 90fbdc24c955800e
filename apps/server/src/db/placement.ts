/**
 * Where every table lives on a Citus cluster (docs/SCALE.md §6, the rules in docs/CONVENTIONS.md
 * "Schema rules"). One line per table; the schema-rule test fails for a table that is not listed here,
 * and checks each table against the rules of its class on every engine.
 *
 *   reference    small, read everywhere: replicated to every node (create_reference_table, in the
 *                migration that distributes, only when Citus is present)
 *   coordinator  small, coordinator-only (sessions, migrations bookkeeping, the audit chain's head)
 *   distributed  region-scoped, hash-distributed on county_code and co-located: the class of every NEW
 *                region-scoped table (county_code column, keys and foreign keys with it)
 *   lookup       a national look-up hashed on its own key (LOOKUP_KEYS), not co-located: national
 *                uniqueness of a key a distributed table cannot hold (its unique indexes include county_code),
 *                and "where" (county_code, id) for a cross-county look-up; written in the same transaction
 *   pending      region-scoped tables written before the rules: they follow the policy, trigger and
 *                function rules already and are distributed in the next step of issue #10. This list
 *                only shrinks: a new table may not be added to it.
 */
export type TablePlacement = 'reference' | 'coordinator' | 'distributed' | 'lookup' | 'pending';

export const TABLE_PLACEMENT: Readonly<Record<string, TablePlacement>> = {
  // ---------------------------------------------------------------- platform
  regions: 'reference',
  region_centres: 'reference', // 0054: township centres (lat/lon), the match explanation's kilometres
  departments: 'reference',
  roles: 'reference',
  calendar_years: 'reference',
  calendar_days: 'reference',
  settings: 'reference',
  users: 'reference',
  user_roles: 'reference',
  sessions: 'coordinator',
  api_tokens: 'coordinator',
  password_history: 'coordinator',
  schema_migrations: 'coordinator',
  audit_head: 'coordinator',
  audit_log: 'coordinator', // one gap-free chain today; per-county chains are the design (SCALE.md §6)
  events: 'distributed', // 0022: the first distributed table
  cases: 'distributed', // 0030: the case engine (platform/cases)
  case_history: 'distributed',
  case_links: 'distributed',
  case_clocks: 'distributed',
  case_clock_entries: 'distributed',
  case_clock_rungs: 'distributed',
  import_jobs: 'pending',
  import_row_errors: 'pending',
  import_keys: 'pending',
  // ---------------------------------------------------------------- registry
  workers: 'distributed', // 0023: the county of the worker's residence
  worker_counts: 'distributed', // 0023: the county of the worker's residence
  employers: 'reference', // 0023: the national register, readable everywhere
  worker_ids: 'lookup', // 0023: the ID number's blind index → where the worker lives
  employments: 'distributed', // 0023: the county of the worker's residence
  worker_insurance: 'distributed', // 0023: the county of the worker's residence
  insurance_transfers: 'distributed', // 0023: the county of the worker's residence
  // ---------------------------------------------------------------- wages
  projects: 'distributed', // 0024
  project_units: 'distributed', // 0024
  project_teams: 'distributed', // 0024
  project_workers: 'distributed', // 0024
  attendance: 'distributed', // 0024
  wage_accounts: 'distributed', // 0024
  account_txns: 'distributed', // 0024
  wage_deposits: 'distributed', // 0024
  deposit_movements: 'distributed', // 0024
  payrolls: 'distributed', // 0024
  payroll_lines: 'distributed', // 0024
  bank_payments: 'distributed', // 0024
  warning_scan_queue: 'distributed', // 0024
  warnings: 'distributed', // 0024
  warning_actions: 'distributed', // 0024
  arrears_cases: 'distributed', // 0024
  arrears_items: 'distributed', // 0024
  arrears_payments: 'distributed', // 0024
  defaulters: 'distributed', // 0024
  project_codes: 'lookup', // 0024: national uniqueness of a project code (项目编号), where its project lives
  // ---------------------------------------------------------------- rights
  complaints: 'distributed', // 0031: a complaint's filing facts, beside its case
  case_reprojection_jobs: 'coordinator', // 0035: the durable marker of a background re-projection
  case_attachments: 'distributed', // 0034: a case's attachments (metadata; files under the data folder)
  grids: 'distributed', // 0034: inspection grids (网格)
  inspection_activities: 'distributed', // 0034: patrols, campaigns, written reviews
  mediation_orgs: 'distributed', // 0032: mediation organisations (调解组织)
  dispute_applicants: 'distributed', // 0032: a mediation or arbitration applicant's filing facts, beside its case
  legal_aid_providers: 'distributed', // 0033: lawyers and organisations legal-aid cases are assigned to
  penalties: 'distributed', // 0046: administrative penalty decisions (行政处罚), the case's county
  employer_violations: 'distributed', // 0047 (wages): inspection violations kept for the integrity grade
  // ---------------------------------------------------------------- training
  training_institutions: 'distributed', // 0045
  training_classes: 'distributed', // 0045
  training_enrolments: 'distributed', // 0045: the class's county
  training_attendance: 'distributed', // 0045
  training_certificates: 'distributed', // 0045
  training_payment_batches: 'distributed', // 0045
  training_subsidy_claims: 'distributed', // 0045
  training_targets: 'distributed', // 0045
  training_subsidy_rules: 'reference', // 0045: the city's subsidy standards, a few dozen rows
  training_people: 'lookup', // 0045: a person's class periods across counties (overlap, one subsidy a year)
  startup_loan_people: 'lookup', // 0049: a person's open 创业担保贷款 applications across counties
  training_claim_keys: 'lookup', // 0045: no double payment nationally (person, occupation, year)
  // ---------------------------------------------------------------- employment programmes (0042)
  campaigns: 'distributed', // 0042: 招聘活动 (a city campaign hashes on the city code)
  job_fairs: 'distributed', // 0042: 招聘会, the county of its venue
  demand_surveys: 'distributed', // 0042: 季节性用工需求调查
  outbound_surveys: 'distributed', // 0042: 外出务工人员就业情况调查
  coop_agreements: 'distributed', // 0042: 劳务协作协议
  coop_stations: 'distributed', // 0042: 服务工作站
  coop_groups: 'distributed', // 0042: 有组织输出
  labour_brands: 'distributed', // 0042: 劳务品牌
  model_sites: 'distributed', // 0042: 转移就业示范乡镇/村
  startup_loans: 'distributed', // 0042: 创业担保贷款
  incubators: 'distributed', // 0042: 创业孵化基地/创业园区
  consultations: 'distributed', // 0042: 政策咨询
  // ---------------------------------------------------------------- employment
  job_postings: 'distributed', // 0040: the county of the place of work
  job_seekers: 'distributed', // 0040: the county of the worker's residence
  match_impressions: 'distributed', // 0040: the county of the match's subject
  referrals: 'distributed', // 0040: the seeker's county
  referral_outcomes: 'distributed', // 0040: the seeker's county
  match_weights: 'reference', // 0040: the match model's weights (a default row, one per campaign)
};

/** The reference tables, in an order where every table comes after the tables it references. */
export const REFERENCE_TABLES_IN_ORDER = [
  'regions',
  'departments',
  'roles',
  'calendar_years',
  'calendar_days',
  'settings',
  'users',
  'user_roles',
  'employers',
  'training_subsidy_rules',
  'match_weights',
  'region_centres',
] as const;

/** The distribution column of each national look-up table: its own key (docs/SCALE.md §6). */
export const LOOKUP_KEYS: Readonly<Record<string, string>> = {
  worker_ids: 'id_bidx',
  project_codes: 'code',
  training_people: 'id_bidx',
  startup_loan_people: 'id_bidx',
  training_claim_keys: 'claim_key',
};

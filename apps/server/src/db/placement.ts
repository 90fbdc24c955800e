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
  'match_weights',
] as const;

/** The distribution column of each national look-up table: its own key (docs/SCALE.md §6). */
export const LOOKUP_KEYS: Readonly<Record<string, string>> = {
  worker_ids: 'id_bidx',
  project_codes: 'code',
};

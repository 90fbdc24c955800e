// Calls and types of the wage-payment guarantee (根治欠薪): apps/server/src/modules/wages/API.md.
// Money is integer 分 (`…Fen`); dates 'YYYY-MM-DD'; months are sent as 'YYYY-MM' and answered as 'YYYY-MM-01'.
// This file covers the whole contract (projects, warnings, dashboard, arrears, defaulters, public
// lookups, worker wages); pages of every wage screen import from here.
import {
  ACCOUNT_STATUS_NAMES,
  ACCOUNT_TXN_KIND_NAMES,
  ARREARS_PAYMENT_SOURCE_NAMES,
  ARREARS_STATUS_NAMES,
  DEFAULTER_STATUS_NAMES,
  DEPOSIT_FORM_NAMES,
  DEPOSIT_MOVEMENT_KIND_NAMES,
  DEPOSIT_STATUS_NAMES,
  PROJECT_CATEGORY_NAMES,
  PROJECT_LEVEL_NAMES,
  PROJECT_STATUS_NAMES,
  UNIT_ROLE_NAMES,
  WAGE_IMPORT_KIND_NAMES,
  WARNING_ACTION_NAMES,
  WARNING_LEVEL_NAMES,
  WARNING_STATUS_NAMES,
  type SiteInstitution,
  type WageParams,
  type WarningLevel,
} from '@mwsp/domain';
import { apiBlob, http } from './client';
import type { ImportJob, ImportKind, ListResult } from './types';

export type { WageParams, WarningLevel, SiteInstitution };

const enc = encodeURIComponent;

/** 'YYYY-MM-01' or 'YYYY-MM' → 'YYYY-MM' (the form every request takes). */
export function toMonthParam(month: string): string {
  return month.slice(0, 7);
}

// ======================================================================================= projects

/** Project colour: green when no live warning, else the highest live warning level. */
export type ProjectLevel = 'green' | WarningLevel;
export type ProjectCategory = 'housing' | 'municipal' | 'transport' | 'water' | 'other';
export type ProjectStatus = 'registered' | 'in_progress' | 'suspended' | 'completed' | 'closed';
export type UnitRole = 'subcontractor' | 'labour_subcontractor';

/** The six site institutions (六项制度) as flags. */
export type InstitutionFlags = Record<SiteInstitution, boolean>;

export interface ProjectListItem {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  category: ProjectCategory;
  status: ProjectStatus;
  clientName: string;
  contractorName: string;
  contractAmountFen: number;
  workersOnSite: number;
  warningLevel: ProjectLevel;
  openWarnings: number;
  institutions: InstitutionFlags;
  startDate: string;
  plannedEndDate: string;
}

export interface ProjectListQuery {
  q?: string;
  regionCode?: string;
  status?: ProjectStatus;
  level?: ProjectLevel;
  page: number;
  pageSize: number;
}

export interface ProjectInput {
  code?: string;
  name: string;
  regionCode: string;
  category: ProjectCategory;
  clientId: string;
  contractorId: string;
  permitNo?: string;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmountFen: number;
  /** 人工费用占比 in basis points (1–10000). */
  labourShareBp: number;
  /** 1–28 */
  allocationDay: number;
  /** 1–28 */
  payDay: number;
  contractSignedOn: string;
  startDate: string;
  plannedEndDate: string;
  labourOfficerName?: string;
  labourOfficerPhone?: string;
}

export interface ProjectUnit {
  id: string;
  employerId: string;
  employerName: string;
  role: UnitRole;
}

export interface ProjectTeam {
  id: string;
  name: string;
  unitId: string | null;
  leaderName: string | null;
  /** Workers in the team. */
  workers: number;
}

export type AccountStatus = 'open' | 'closing' | 'closed';

export interface AccountDto {
  id: string;
  bankName: string;
  accountName: string;
  accountMasked: string;
  openedOn: string;
  status: AccountStatus;
  closureNoticeFrom: string | null;
  closedOn: string | null;
  balanceFen: number;
  /** Opened more than the allowed time after the contract was signed. */
  openedLate: boolean;
}

export type DepositForm = 'cash' | 'bank_guarantee' | 'insurance' | 'exempt';
export type DepositStatus = 'held' | 'topup_due' | 'returned' | 'exempt';
export type DepositMovementKind = 'deposit' | 'drawdown' | 'topup' | 'return';

export interface DepositMovement {
  id: string | number;
  kind: DepositMovementKind;
  amountFen: number;
  onDate: string;
  note: string | null;
}

export interface DepositDto {
  id: string;
  form: DepositForm;
  rateBp: number;
  requiredFen: number;
  balanceFen: number;
  basis: string;
  bankName: string | null;
  letterNo: string | null;
  validUntil: string | null;
  depositedOn: string | null;
  topupDueOn: string | null;
  status: DepositStatus;
  returnedOn: string | null;
  movements: DepositMovement[];
}

export interface InstitutionDetail {
  key: SiteInstitution;
  name: string;
  ok: boolean;
  note: string | null;
}

export interface ProjectDto extends ProjectListItem {
  clientId: string;
  contractorId: string;
  permitNo: string | null;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  labourShareBp: number;
  allocationDay: number;
  payDay: number;
  contractSignedOn: string;
  completedOn: string | null;
  labourOfficerName: string | null;
  /** Masked. */
  labourOfficerPhone: string | null;
  noticeBoardPostedOn: string | null;
  version: number;
  units: ProjectUnit[];
  teams: ProjectTeam[];
  account: AccountDto | null;
  deposit: DepositDto | null;
  institutionsDetail: InstitutionDetail[];
}

export interface ProjectPatch {
  version: number;
  name?: string;
  status?: ProjectStatus;
  permitNo?: string | null;
  fundingInPlace?: boolean;
  paymentGuarantee?: boolean;
  plannedEndDate?: string;
  completedOn?: string | null;
  labourOfficerName?: string | null;
  labourOfficerPhone?: string | null;
  noticeBoardPostedOn?: string | null;
  payDay?: number;
  allocationDay?: number;
}

export interface ProjectUnitInput {
  employerId: string;
  role: UnitRole;
}

export interface ProjectTeamInput {
  name: string;
  unitId?: string;
  leaderName?: string;
}

// ---- real-name workforce ----

export interface ProjectWorker {
  id: string;
  workerId: string;
  /** Masked (张*). */
  name: string;
  idMasked: string;
  teamId: string | null;
  teamName: string | null;
  entryDate: string;
  exitDate: string | null;
  /** A signed labour contract is on record; false = 未签劳动合同，不得进场. */
  contractPresent: boolean;
  settledOn: string | null;
  /** Only in the answer of POST (enrolment): e.g. 未签劳动合同，不得进场. */
  warning?: string | null;
  lastMonth: string | null;
  lastNetFen: number | null;
  lastPaidFen: number | null;
}

export interface ProjectWorkerQuery {
  q?: string;
  onSite?: boolean;
  teamId?: string;
  page: number;
  pageSize: number;
}

/** Enrol by ID number (looked up in the registry) or by registry worker id. */
export type ProjectWorkerInput = ({ idNumber: string; workerId?: never } | { workerId: string; idNumber?: never }) & {
  teamId?: string;
  entryDate: string;
};

export interface ProjectWorkerPatch {
  teamId?: string | null;
  exitDate?: string | null;
  settledOn?: string | null;
}

// ---- attendance ----

export interface AttendanceItem {
  projectWorkerId: string;
  name: string;
  idMasked: string;
  /** null = nothing recorded for the month yet. */
  days: number | null;
}

export interface AttendanceSheet {
  month: string;
  items: AttendanceItem[];
}

export interface AttendanceInput {
  /** 'YYYY-MM' */
  month: string;
  entries: { projectWorkerId: string; days: number }[];
}

// ---- wage ledger ----

export interface PayrollMonthSummary {
  month: string;
  lines: number;
  attendees: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  paidFen: number;
  paidWorkers: number;
  failedPayments: number;
  unconfirmed: number;
  adjustments: number;
}

export type LedgerEntry = 'original' | 'adjustment';

export interface PayrollLine {
  lineId: string | number;
  projectWorkerId: string;
  name: string;
  idMasked: string;
  days: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  payDate: string | null;
  confirmed: boolean;
  entry: LedgerEntry;
  adjustsLineId: string | number | null;
  reason: string | null;
  paidFen: number;
}

export interface PayrollMonth {
  month: string;
  items: PayrollLine[];
}

export interface ManualPayrollInput {
  /** 'YYYY-MM' */
  month: string;
  teamId?: string;
  lines: {
    projectWorkerId: string;
    days: number;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
    payDate?: string;
    confirmed: boolean;
  }[];
}

/** The server answers the lines created and those already in the ledger unchanged. */
export interface ManualPayrollResult {
  month?: string;
  payrollId?: string;
  lines: number;
  unchanged?: number;
}

/** An adjusting entry: deltas against the line; net = payable − deductions. */
export interface AdjustmentInput {
  lineId: string | number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  reason: string;
}

// ---- bank payments ----

export interface BankPayment {
  id: string | number;
  month: string;
  name: string;
  idMasked: string;
  amountFen: number;
  succeeded: boolean;
  failureReason: string | null;
  bankRef: string;
  paidOn: string;
}

export interface BankPaymentQuery {
  /** 'YYYY-MM' */
  month?: string;
  succeeded?: boolean;
  page: number;
  pageSize: number;
}

// ---- dedicated wage account ----

export type AccountTxnKind = 'allocation' | 'payment' | 'refund' | 'other_in';

export interface AccountTxn {
  id: string | number;
  kind: AccountTxnKind;
  month: string | null;
  amountFen: number;
  txnDate: string;
  ref: string | null;
}

export interface AccountView {
  account: AccountDto | null;
  txns: { items: AccountTxn[]; total: number };
}

export interface AccountInput {
  bankName: string;
  accountNo: string;
  openedOn: string;
}

export interface AccountTxnInput {
  kind: 'allocation' | 'refund' | 'other_in';
  /** 'YYYY-MM' */
  month?: string;
  amountFen: number;
  txnDate: string;
  ref?: string;
}

export type AccountClosureAction = 'notice' | 'close';

// ---- deposit ----

export interface DepositQuote {
  grade: 'A' | 'B' | 'C' | 'D';
  gradeName: string;
  rateBp: number;
  requiredFen: number;
  exempt: boolean;
  basis: string;
}

export interface DepositInput {
  form: DepositForm;
  amountFen?: number;
  bankName?: string;
  letterNo?: string;
  validUntil?: string;
  depositedOn: string;
}

export interface DepositMovementInput {
  kind: 'drawdown' | 'topup' | 'return';
  amountFen: number;
  onDate: string;
  note?: string;
}

export interface ProjectTimelineEntry {
  id: string | number;
  ts: string;
  type: string;
  summary: string;
  actor: string | null;
}

// ======================================================================================= imports

/** Import kinds bound to a project (uploaded under /api/projects/:id/…). */
export type WageImportKind = 'payroll' | 'attendance' | 'bank_payments';

/** ImportJobDto of /api/imports, whatever its kind. */
export type WageImportJob = Omit<ImportJob, 'kind'> & { kind: ImportKind | WageImportKind | (string & {}) };

/** Template download URLs (GET /api/imports/templates/:kind). */
export const wageTemplateUrl = (kind: WageImportKind) => `/api/imports/templates/${enc(kind)}`;
export const PAYROLL_TEMPLATE_URL = wageTemplateUrl('payroll');

// ======================================================================================= warnings

export type WarningStatus = 'open' | 'assigned' | 'in_progress' | 'closed' | 'cleared';

export interface WarningRule {
  id: string;
  name: string;
  description: string;
  /** Not typed by the contract: a text ('1 项缺失黄色…') or the levels it can raise. */
  levels: string | WarningLevel[];
}

export interface WarningDto {
  id: string;
  seq: number;
  rule: string;
  ruleName: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  regionName: string | null;
  /** 'YYYY-MM-01' or null for project-wide findings. */
  month: string | null;
  level: WarningLevel;
  status: WarningStatus;
  summary: string;
  workersAffected: number;
  amountFen: number;
  assigneeName: string | null;
  departmentCode: string | null;
  /** The department's name, from the server (no departments:read needed). */
  departmentName?: string | null;
  dueOn: string | null;
  overdue: boolean;
  escalation: number;
  firstDetectedAt: string;
  lastDetectedAt: string;
  clearedAt: string | null;
  closedAt: string | null;
  result: string | null;
}

export interface WarningWorker {
  projectWorkerId: string;
  name: string;
  idMasked: string;
  netFen: number;
  paidFen: number;
  days: number;
}

export type WarningActionKind =
  'detected' | 'level_changed' | 'assigned' | 'acted' | 'escalated' | 'closed' | 'cleared';

export interface WarningAction {
  id: string | number;
  ts: string;
  action: WarningActionKind;
  actorName: string | null;
  note: string | null;
}

export interface WarningDetail extends WarningDto {
  detail: Record<string, unknown>;
  workers: WarningWorker[];
  actions: WarningAction[];
}

export interface WarningListQuery {
  regionCode?: string;
  level?: WarningLevel;
  status?: WarningStatus;
  rule?: string;
  projectId?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export interface WarningAssignInput {
  assigneeId?: string;
  departmentCode?: string;
  note?: string;
}

/** The contract does not describe the scan report; the known counters are optional. */
export interface ScanReport {
  projects?: number;
  opened?: number;
  updated?: number;
  cleared?: number;
  unchanged?: number;
  ms?: number;
  [key: string]: unknown;
}

// ---- dashboard ----

export interface LevelCounts {
  green: number;
  yellow: number;
  orange: number;
  red: number;
}

export interface DashboardFigures {
  projects: number;
  byLevel: LevelCounts;
  arrearsFen: number;
  arrearsWorkers: number;
  openWarnings: number;
  overdueWarnings: number;
}

export interface DashboardRegionRow extends DashboardFigures {
  code: string;
  name: string;
  level: number;
}

export interface WagesDashboard {
  region: { code: string; name: string; level: number };
  children: DashboardRegionRow[];
  totals: DashboardFigures & { level?: number };
  trend: { month: string; opened: number; closed: number; cleared: number }[];
  deposit: { projects: number; held: number; exempt: number; missing: number; requiredFen: number; balanceFen: number };
  /** Only when the region is a township or village. */
  projects?: ProjectListItem[];
}

// ======================================================================================= arrears

export type ArrearsStatus = 'confirmed' | 'ordered' | 'paid' | 'transferred' | 'closed';
export type ArrearsPaymentSource =
  'employer' | 'contractor_advance' | 'client_advance' | 'deposit' | 'emergency_fund' | 'recovery';

export interface ArrearsListItem {
  id: string;
  seq: number;
  projectId: string | null;
  projectName: string | null;
  employerId: string;
  employerName: string;
  status: ArrearsStatus;
  summary: string;
  workers: number;
  months: number;
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  orderDueOn: string | null;
  createdAt: string;
}

export interface ArrearsListQuery {
  status?: ArrearsStatus;
  regionCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface ArrearsInput {
  projectId: string;
  employerId: string;
  warningId?: string;
  summary: string;
  items: { projectWorkerId: string; month: string; amountFen: number }[];
}

export interface ArrearsItem {
  id: string | number;
  workerId: string;
  name: string;
  idMasked: string;
  month: string;
  amountFen: number;
  paidFen: number;
}

export interface ArrearsPayment {
  id: string | number;
  source: ArrearsPaymentSource;
  amountFen: number;
  onDate: string;
  note: string | null;
}

export interface ArrearsDetail extends ArrearsListItem {
  items: ArrearsItem[];
  payments: ArrearsPayment[];
  criminal: { met: boolean; explanation: string };
  advances: { emergencyFen: number; recoveredFen: number; outstandingAdvanceFen: number };
  orderNo: string | null;
  orderedOn: string | null;
  transferredOn: string | null;
  transferNote: string | null;
}

export interface ArrearsOrderInput {
  orderNo: string;
  orderedOn: string;
  dueWorkingDays: number;
}

export interface ArrearsPaymentInput {
  source: ArrearsPaymentSource;
  amountFen: number;
  onDate: string;
  note?: string;
}

// ---- defaulters ----

export type DefaulterStatus = 'listed' | 'removed' | 'expired';

export interface Defaulter {
  id: string;
  employerId: string;
  employerName: string;
  creditCode: string;
  basis: string;
  reason: string;
  responsiblePersons: string | null;
  decisionNo: string;
  listedOn: string;
  expiresOn: string;
  status: DefaulterStatus;
  correctedOn: string | null;
  undertaking: boolean;
  removedOn: string | null;
}

export interface DefaulterListQuery {
  status?: DefaulterStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export interface DefaulterInput {
  employerId: string;
  caseId?: string;
  basis: string;
  reason: string;
  responsiblePersons?: string;
  decisionNo: string;
  listedOn: string;
}

export interface DefaulterRemoveInput {
  correctedOn: string;
  undertaking: true;
  note: string;
}

export interface EmployerIntegrity {
  grade: 'A' | 'B' | 'C' | 'D';
  gradeName: string;
  arrearsCases: number;
  listed: boolean;
}

// ---- public (no sign-in) ----

export interface PublicDefaulter {
  employerName: string;
  creditCode: string;
  reason: string;
  basis: string;
  listedOn: string;
  expiresOn: string;
}

export interface WageLookupInput {
  projectCode: string;
  idNumber: string;
  name: string;
}

export interface WageLookupResult {
  project: { code: string; name: string };
  months: {
    month: string;
    days: number | null;
    payableFen: number | null;
    deductionsFen: number | null;
    netFen: number | null;
    paidFen: number;
    payDate: string | null;
  }[];
}

export interface PublicProject {
  code: string;
  name: string;
  contractorName: string;
  payDay: number;
}

// ---- worker profile ----

export interface WorkerWageRow {
  projectId: string;
  projectName: string;
  month: string;
  days: number;
  payableFen: number;
  netFen: number;
  paidFen: number;
  payDate: string | null;
}

// ======================================================================================= query keys

/** Query keys, grouped so that invalidation by prefix works (everything of a project under ['projects', id]). */
export const wqk = {
  projectsAll: ['projects'] as const,
  projects: (query: ProjectListQuery) => ['projects', 'list', query] as const,
  projectScope: (id: string) => ['projects', id] as const,
  project: (id: string) => ['projects', id, 'detail'] as const,
  projectWorkersAll: (id: string) => ['projects', id, 'workers'] as const,
  projectWorkers: (id: string, query: ProjectWorkerQuery) => ['projects', id, 'workers', query] as const,
  attendance: (id: string, month: string) => ['projects', id, 'attendance', toMonthParam(month)] as const,
  payrollsAll: (id: string) => ['projects', id, 'payrolls'] as const,
  payrolls: (id: string) => ['projects', id, 'payrolls', 'summary'] as const,
  payrollMonth: (id: string, month: string) => ['projects', id, 'payrolls', 'month', toMonthParam(month)] as const,
  bankPaymentsAll: (id: string) => ['projects', id, 'bank-payments'] as const,
  bankPayments: (id: string, query: BankPaymentQuery) => ['projects', id, 'bank-payments', query] as const,
  accountAll: (id: string) => ['projects', id, 'account'] as const,
  account: (id: string, page: number, pageSize: number) => ['projects', id, 'account', page, pageSize] as const,
  depositQuote: (id: string) => ['projects', id, 'deposit-quote'] as const,
  timeline: (id: string) => ['projects', id, 'timeline'] as const,
  /** Shares the cache entry of the registry's import job polling (rqk.importJob). */
  importJob: (jobId: string) => ['imports', 'job', jobId] as const,
  warningsAll: ['warnings'] as const,
  warningRules: ['warnings', 'rules'] as const,
  warnings: (query: WarningListQuery) => ['warnings', 'list', query] as const,
  warning: (id: string) => ['warnings', 'detail', id] as const,
  dashboard: (regionCode?: string) => ['wages', 'dashboard', regionCode ?? ''] as const,
  params: ['wages', 'params'] as const,
  arrearsAll: ['arrears'] as const,
  arrears: (query: ArrearsListQuery) => ['arrears', 'list', query] as const,
  arrearsCase: (id: string) => ['arrears', 'detail', id] as const,
  defaultersAll: ['defaulters'] as const,
  defaulters: (query: DefaulterListQuery) => ['defaulters', 'list', query] as const,
  integrity: (employerId: string) => ['employers', 'integrity', employerId] as const,
  workerWages: (workerId: string) => ['workers', 'wages', workerId] as const,
};

// ======================================================================================= calls

const p = (id: string) => `/api/projects/${enc(id)}`;

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

// ---- projects ----
export const getProjects = (query: ProjectListQuery, signal?: AbortSignal) =>
  http.get<ListResult<ProjectListItem>>('/api/projects', { ...query }, signal);
export const createProject = (body: ProjectInput) => http.post<ProjectDto>('/api/projects', body);
export const getProject = (id: string, signal?: AbortSignal) => http.get<ProjectDto>(p(id), undefined, signal);
export const updateProject = (id: string, body: ProjectPatch) => http.patch<ProjectDto>(p(id), body);
/** Answers `{ id }` of the new unit. */
export const addProjectUnit = (id: string, body: ProjectUnitInput) => http.post<{ id: string }>(`${p(id)}/units`, body);
/** Answers `{ id }` of the new team. */
export const addProjectTeam = (id: string, body: ProjectTeamInput) => http.post<{ id: string }>(`${p(id)}/teams`, body);

// ---- workforce ----
export const getProjectWorkers = (id: string, query: ProjectWorkerQuery, signal?: AbortSignal) =>
  http.get<ListResult<ProjectWorker>>(`${p(id)}/workers`, { ...query }, signal);
export const enrolProjectWorker = (id: string, body: ProjectWorkerInput) =>
  http.post<ProjectWorker>(`${p(id)}/workers`, body);
export const updateProjectWorker = (id: string, projectWorkerId: string, body: ProjectWorkerPatch) =>
  http.patch<ProjectWorker>(`${p(id)}/workers/${enc(projectWorkerId)}`, body);

// ---- attendance ----
export const getAttendance = (id: string, month: string, signal?: AbortSignal) =>
  http.get<AttendanceSheet>(`${p(id)}/attendance`, { month: toMonthParam(month) }, signal);
export const putAttendance = (id: string, body: AttendanceInput) =>
  http.put<{ month: string; saved: number }>(`${p(id)}/attendance`, { ...body, month: toMonthParam(body.month) });
export const uploadAttendance = (id: string, file: File) =>
  http.upload<WageImportJob>(`${p(id)}/attendance/upload`, fileForm(file));

// ---- wage ledger ----
export const getPayrolls = (id: string, signal?: AbortSignal) =>
  http.get<{ items: PayrollMonthSummary[] }>(`${p(id)}/payrolls`, undefined, signal);
export const getPayrollMonth = (id: string, month: string, signal?: AbortSignal) =>
  http.get<PayrollMonth>(`${p(id)}/payrolls/${enc(toMonthParam(month))}`, undefined, signal);
export const uploadPayroll = (id: string, file: File) =>
  http.upload<WageImportJob>(`${p(id)}/payrolls`, fileForm(file));
export const createManualPayroll = (id: string, body: ManualPayrollInput) =>
  http.post<ManualPayrollResult>(`${p(id)}/payrolls/manual`, { ...body, month: toMonthParam(body.month) });
/** lineId is sent as a number (the server's bigint ids); answers `{ lineId }` of the adjusting entry. */
export const createAdjustment = (id: string, body: AdjustmentInput) =>
  http.post<{ lineId: number }>(`${p(id)}/payrolls/adjustments`, { ...body, lineId: Number(body.lineId) });

// ---- bank payments ----
export const getBankPayments = (id: string, query: BankPaymentQuery, signal?: AbortSignal) =>
  http.get<ListResult<BankPayment>>(
    `${p(id)}/bank-payments`,
    { ...query, month: query.month ? toMonthParam(query.month) : undefined },
    signal,
  );
export const uploadBankPayments = (id: string, file: File) =>
  http.upload<WageImportJob>(`${p(id)}/bank-payments`, fileForm(file));

// ---- dedicated account ----
export const getAccount = (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
  http.get<AccountView>(`${p(id)}/account`, { page, pageSize }, signal);
export const putAccount = (id: string, body: AccountInput) => http.put<AccountDto>(`${p(id)}/account`, body);
export const addAccountTxn = (id: string, body: AccountTxnInput) =>
  http.post<AccountTxn>(`${p(id)}/account/txns`, { ...body, month: body.month ? toMonthParam(body.month) : undefined });
export const accountClosure = (id: string, action: AccountClosureAction) =>
  http.post<AccountDto>(`${p(id)}/account/closure`, { action });

// ---- deposit ----
export const getDepositQuote = (id: string, signal?: AbortSignal) =>
  http.get<DepositQuote>(`${p(id)}/deposit/quote`, undefined, signal);
export const putDeposit = (id: string, body: DepositInput) => http.put<DepositDto>(`${p(id)}/deposit`, body);
export const addDepositMovement = (id: string, body: DepositMovementInput) =>
  http.post<DepositDto>(`${p(id)}/deposit/movements`, body);

// ---- notice board, timeline ----
/** Print-ready HTML page (open in a new window). */
export const noticeBoardUrl = (id: string, size: 'A4' | 'A3' = 'A4') => `${p(id)}/notice-board?size=${size}`;
export const getProjectTimeline = (id: string, signal?: AbortSignal) =>
  http.get<ProjectTimelineEntry[]>(`${p(id)}/timeline`, undefined, signal);

// ---- imports bound to a project ----
export const getWageImport = (jobId: string, signal?: AbortSignal) =>
  http.get<WageImportJob>(`/api/imports/${enc(jobId)}`, undefined, signal);
export const downloadWageImportErrors = (jobId: string) => apiBlob(`/api/imports/${enc(jobId)}/errors.xlsx`);
export const downloadWageTemplate = (kind: WageImportKind) => apiBlob(wageTemplateUrl(kind));

// ---- warnings ----
export const getWarningRules = (signal?: AbortSignal) =>
  http.get<WarningRule[]>('/api/warnings/rules', undefined, signal);
export const getWarnings = (query: WarningListQuery, signal?: AbortSignal) =>
  http.get<ListResult<WarningDto>>('/api/warnings', { ...query }, signal);
export const getWarning = (id: string, signal?: AbortSignal) =>
  http.get<WarningDetail>(`/api/warnings/${enc(id)}`, undefined, signal);
export const assignWarning = (id: string, body: WarningAssignInput) =>
  http.post<WarningDetail>(`/api/warnings/${enc(id)}/assign`, body);
export const actOnWarning = (id: string, note: string) =>
  http.post<WarningDetail>(`/api/warnings/${enc(id)}/act`, { note });
export const closeWarning = (id: string, result: string) =>
  http.post<WarningDetail>(`/api/warnings/${enc(id)}/close`, { result });
export const scanWarnings = () => http.post<ScanReport>('/api/warnings/scan');

// ---- dashboard and parameters ----
export const getWagesDashboard = (regionCode?: string, signal?: AbortSignal) =>
  http.get<WagesDashboard>('/api/wages/dashboard', { regionCode }, signal);
export const getWageParams = (signal?: AbortSignal) => http.get<WageParams>('/api/wages/params', undefined, signal);
export const putWageParams = (body: WageParams) => http.put<WageParams>('/api/wages/params', body);

// ---- arrears ----
export const getArrears = (query: ArrearsListQuery, signal?: AbortSignal) =>
  http.get<ListResult<ArrearsListItem>>('/api/arrears', { ...query }, signal);
export const createArrears = (body: ArrearsInput) =>
  http.post<ArrearsDetail>('/api/arrears', {
    ...body,
    items: body.items.map((i) => ({ ...i, month: toMonthParam(i.month) })),
  });
export const getArrearsCase = (id: string, signal?: AbortSignal) =>
  http.get<ArrearsDetail>(`/api/arrears/${enc(id)}`, undefined, signal);
export const orderArrears = (id: string, body: ArrearsOrderInput) =>
  http.post<ArrearsDetail>(`/api/arrears/${enc(id)}/order`, body);
export const addArrearsPayment = (id: string, body: ArrearsPaymentInput) =>
  http.post<ArrearsDetail>(`/api/arrears/${enc(id)}/payments`, body);
export const transferArrears = (id: string, note: string) =>
  http.post<ArrearsDetail>(`/api/arrears/${enc(id)}/transfer`, { note });
export const closeArrears = (id: string, note: string) =>
  http.post<ArrearsDetail>(`/api/arrears/${enc(id)}/close`, { note });
/** Print-ready HTML evidence package (open in a new window). */
export const arrearsEvidenceUrl = (id: string) => `/api/arrears/${enc(id)}/evidence`;

// ---- defaulters ----
export const getDefaulters = (query: DefaulterListQuery, signal?: AbortSignal) =>
  http.get<ListResult<Defaulter>>('/api/defaulters', { ...query }, signal);
export const createDefaulter = (body: DefaulterInput) => http.post<Defaulter>('/api/defaulters', body);
export const removeDefaulter = (id: string, body: DefaulterRemoveInput) =>
  http.post<Defaulter>(`/api/defaulters/${enc(id)}/remove`, body);
export const getEmployerIntegrity = (employerId: string, signal?: AbortSignal) =>
  http.get<EmployerIntegrity>(`/api/employers/${enc(employerId)}/integrity`, undefined, signal);

// ---- public (no sign-in: the session handlers are not involved) ----
export const getPublicDefaulters = (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<ListResult<PublicDefaulter>>('/api/public/defaulters', { ...query }, signal);
export const wageLookup = (body: WageLookupInput) =>
  http.post<WageLookupResult>('/api/public/wage-lookup', body, { skipAuthHandlers: true });
export const getPublicProject = (code: string, signal?: AbortSignal) =>
  http.get<PublicProject>(`/api/public/projects/${enc(code)}`, undefined, signal);

// ---- worker profile ----
export const getWorkerWages = (workerId: string, signal?: AbortSignal) =>
  http.get<WorkerWageRow[]>(`/api/workers/${enc(workerId)}/wages`, undefined, signal);

// ======================================================================================= labels
// The Chinese names are defined once in @mwsp/domain (the server's documents and messages use the same);
// the console adds only the antd Tag colours.

type Tagged = { text: string; color: string };
const opts = <T extends string>(labels: Record<T, string | Tagged>) =>
  (Object.keys(labels) as T[]).map((value) => {
    const l = labels[value];
    return { value, label: typeof l === 'string' ? l : l.text };
  });
/** Names (from the domain) with the console's tag colours, in the colours' key order. */
const tagged = <T extends string>(names: Record<T, string>, colors: Record<T, string>): Record<T, Tagged> =>
  Object.fromEntries((Object.keys(colors) as T[]).map((k) => [k, { text: names[k], color: colors[k] }])) as Record<
    T,
    Tagged
  >;

/** Project colour tag: 正常 green, then the warning levels (antd Tag colours). */
export const projectLevelLabels: Record<ProjectLevel, Tagged> = tagged(PROJECT_LEVEL_NAMES, {
  green: 'green',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
});
export const projectLevelOptions = opts(projectLevelLabels);

/** Warning level tag (黄色/橙色/红色). */
export const warningLevelLabels: Record<WarningLevel, Tagged> = tagged(WARNING_LEVEL_NAMES, {
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
});
export const warningLevelOptions = opts(warningLevelLabels);

export const projectCategoryLabels: Record<ProjectCategory, string> = PROJECT_CATEGORY_NAMES;
export const projectCategoryOptions = opts(projectCategoryLabels);

export const projectStatusLabels: Record<ProjectStatus, Tagged> = tagged(PROJECT_STATUS_NAMES, {
  registered: 'default',
  in_progress: 'processing',
  suspended: 'warning',
  completed: 'success',
  closed: 'default',
});
export const projectStatusOptions = opts(projectStatusLabels);

export const unitRoleLabels: Record<UnitRole, string> = UNIT_ROLE_NAMES;
export const unitRoleOptions = opts(unitRoleLabels);

export const accountStatusLabels: Record<AccountStatus, Tagged> = tagged(ACCOUNT_STATUS_NAMES, {
  open: 'success',
  closing: 'warning',
  closed: 'default',
});

export const accountTxnKindLabels: Record<AccountTxnKind, Tagged> = tagged(ACCOUNT_TXN_KIND_NAMES, {
  allocation: 'green',
  payment: 'blue',
  refund: 'orange',
  other_in: 'cyan',
});

export const depositFormLabels: Record<DepositForm, string> = DEPOSIT_FORM_NAMES;
export const depositFormOptions = opts(depositFormLabels);

export const depositStatusLabels: Record<DepositStatus, Tagged> = tagged(DEPOSIT_STATUS_NAMES, {
  held: 'success',
  topup_due: 'error',
  returned: 'default',
  exempt: 'blue',
});

export const depositMovementLabels: Record<DepositMovementKind, Tagged> = tagged(DEPOSIT_MOVEMENT_KIND_NAMES, {
  deposit: 'green',
  drawdown: 'red',
  topup: 'blue',
  return: 'default',
});

export const warningStatusLabels: Record<WarningStatus, Tagged> = tagged(WARNING_STATUS_NAMES, {
  open: 'error',
  assigned: 'warning',
  in_progress: 'processing',
  closed: 'success',
  cleared: 'default',
});
export const warningStatusOptions = opts(warningStatusLabels);

export const warningActionLabels: Record<WarningActionKind, string> = WARNING_ACTION_NAMES;

export const arrearsStatusLabels: Record<ArrearsStatus, Tagged> = tagged(ARREARS_STATUS_NAMES, {
  confirmed: 'error',
  ordered: 'warning',
  paid: 'success',
  transferred: 'purple',
  closed: 'default',
});
export const arrearsStatusOptions = opts(arrearsStatusLabels);

export const arrearsPaymentSourceLabels: Record<ArrearsPaymentSource, string> = ARREARS_PAYMENT_SOURCE_NAMES;
export const arrearsPaymentSourceOptions = opts(arrearsPaymentSourceLabels);

export const defaulterStatusLabels: Record<DefaulterStatus, Tagged> = tagged(DEFAULTER_STATUS_NAMES, {
  listed: 'error',
  removed: 'success',
  expired: 'default',
});
export const defaulterStatusOptions = opts(defaulterStatusLabels);

export const wageImportKindLabels: Record<WageImportKind, string> = WAGE_IMPORT_KIND_NAMES;

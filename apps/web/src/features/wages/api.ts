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
import { GET, GET_FILE, PATCH, POST, PUT, UPLOAD, urlOf } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';
import type { ListResult } from '../../api/types';

export type { WageParams, WarningLevel, SiteInstitution };

/** 'YYYY-MM-01' or 'YYYY-MM' → 'YYYY-MM' (the form every request takes). */
export function toMonthParam(month: string): string {
  return month.slice(0, 7);
}

// ======================================================================================= projects
// Every request/response type below is an alias of the type generated from the server's contracts
// (openapi.ts; `npm run gen:api`). Only console-side types (e.g. the closure action) are written here.

export type ProjectListItem = ResponseOf<'/api/projects', 'get'>['items'][number];
export type ProjectListQuery = QueryOf<'/api/projects', 'get'>;
/** Project colour: green when no live warning, else the highest live warning level. */
export type ProjectLevel = ProjectListItem['warningLevel'];
export type ProjectCategory = ProjectListItem['category'];
export type ProjectStatus = ProjectListItem['status'];
export type ProjectInput = BodyOf<'/api/projects', 'post'>;
export type ProjectDto = ResponseOf<'/api/projects/{id}', 'get'>;
export type ProjectPatch = BodyOf<'/api/projects/{id}', 'patch'>;
/** The six site institutions (六项制度) as flags. */
export type InstitutionFlags = ProjectDto['institutions'];
export type InstitutionDetail = ProjectDto['institutionsDetail'][number];
export type ProjectUnit = ProjectDto['units'][number];
export type UnitRole = ProjectUnit['role'];
export type ProjectTeam = ProjectDto['teams'][number];
export type ProjectUnitInput = BodyOf<'/api/projects/{id}/units', 'post'>;
export type ProjectTeamInput = BodyOf<'/api/projects/{id}/teams', 'post'>;

// ---- account and deposit ----

export type AccountDto = NonNullable<ProjectDto['account']>;
export type AccountStatus = AccountDto['status'];
export type DepositDto = NonNullable<ProjectDto['deposit']>;
export type DepositForm = DepositDto['form'];
export type DepositStatus = DepositDto['status'];
export type DepositMovement = DepositDto['movements'][number];
export type DepositMovementKind = DepositMovement['kind'];

// ---- workers on the project ----

export type ProjectWorker = ResponseOf<'/api/projects/{id}/workers', 'get'>['items'][number];
export type ProjectWorkerQuery = QueryOf<'/api/projects/{id}/workers', 'get'>;
export type ProjectWorkerInput = BodyOf<'/api/projects/{id}/workers', 'post'>;
export type ProjectWorkerPatch = BodyOf<'/api/projects/{id}/workers/{pwId}', 'patch'>;

// ---- attendance ----

export type AttendanceSheet = ResponseOf<'/api/projects/{id}/attendance', 'get'>;
export type AttendanceItem = AttendanceSheet['items'][number];
export type AttendanceInput = BodyOf<'/api/projects/{id}/attendance', 'put'>;

// ---- payrolls ----

export type PayrollMonthSummary = ResponseOf<'/api/projects/{id}/payrolls', 'get'>['items'][number];
export type PayrollMonth = ResponseOf<'/api/projects/{id}/payrolls/{month}', 'get'>;
export type PayrollLine = PayrollMonth['items'][number];
export type LedgerEntry = PayrollLine['entry'];
export type ManualPayrollInput = BodyOf<'/api/projects/{id}/payrolls/manual', 'post'>;
export type AdjustmentInput = BodyOf<'/api/projects/{id}/payrolls/adjustments', 'post'>;

export type BankPayment = ResponseOf<'/api/projects/{id}/bank-payments', 'get'>['items'][number];
export type BankPaymentQuery = QueryOf<'/api/projects/{id}/bank-payments', 'get'>;

// ---- dedicated wage account ----

export type AccountView = ResponseOf<'/api/projects/{id}/account', 'get'>;
export type AccountTxn = AccountView['txns']['items'][number];
export type AccountTxnKind = AccountTxn['kind'];
export type AccountInput = BodyOf<'/api/projects/{id}/account', 'put'>;
export type AccountTxnInput = BodyOf<'/api/projects/{id}/account/txns', 'post'>;
export type AccountClosureAction = BodyOf<'/api/projects/{id}/account/closure', 'post'>['action'];

// ---- deposit ----

export type DepositQuote = ResponseOf<'/api/projects/{id}/deposit/quote', 'get'>;
export type DepositInput = BodyOf<'/api/projects/{id}/deposit', 'put'>;
export type DepositMovementInput = BodyOf<'/api/projects/{id}/deposit/movements', 'post'>;

// ======================================================================================= imports

/** ImportJobDto of /api/imports, whatever its kind (the wage kinds are uploaded under /api/projects/:id/…). */
export type WageImportJob = ResponseOf<'/api/projects/{id}/payrolls', 'post', 202>;
/** Import kinds bound to a project (uploaded under /api/projects/:id/…). */
export type WageImportKind = 'payroll' | 'attendance' | 'bank_payments';

/** Template download URLs (GET /api/imports/templates/:kind). */
export const wageTemplateUrl = (kind: WageImportKind) =>
  urlOf('/api/imports/templates/{kind}', { params: { path: { kind } } });
export const PAYROLL_TEMPLATE_URL = wageTemplateUrl('payroll');

// ======================================================================================= warnings

export type WarningDto = ResponseOf<'/api/warnings', 'get'>['items'][number];
export type WarningStatus = WarningDto['status'];
export type WarningListQuery = QueryOf<'/api/warnings', 'get'>;
export type WarningDetail = ResponseOf<'/api/warnings/{id}', 'get'>;
export type WarningWorker = WarningDetail['workers'][number];
export type WarningAction = WarningDetail['actions'][number];
export type WarningActionKind = WarningAction['action'];
export type WarningAssignInput = BodyOf<'/api/warnings/{id}/assign', 'post'>;
export type ScanReport = ResponseOf<'/api/warnings/scan', 'post'>;

// ---- dashboard ----

export type WagesDashboard = ResponseOf<'/api/wages/dashboard', 'get'>;
export type DashboardRegionRow = WagesDashboard['children'][number];
export type DashboardFigures = WagesDashboard['totals'];
export type LevelCounts = DashboardFigures['byLevel'];

// ======================================================================================= arrears

export type ArrearsListItem = ResponseOf<'/api/arrears', 'get'>['items'][number];
export type ArrearsStatus = ArrearsListItem['status'];
export type ArrearsListQuery = QueryOf<'/api/arrears', 'get'>;
export type ArrearsInput = BodyOf<'/api/arrears', 'post'>;
export type ArrearsDetail = ResponseOf<'/api/arrears/{id}', 'get'>;
export type ArrearsItem = ArrearsDetail['items'][number];
export type ArrearsPayment = ArrearsDetail['payments'][number];
export type ArrearsPaymentSource = ArrearsPayment['source'];
export type ArrearsOrderInput = BodyOf<'/api/arrears/{id}/order', 'post'>;
export type ArrearsPaymentInput = BodyOf<'/api/arrears/{id}/payments', 'post'>;

export type Defaulter = ResponseOf<'/api/defaulters', 'get'>['items'][number];
export type DefaulterStatus = Defaulter['status'];
export type DefaulterListQuery = QueryOf<'/api/defaulters', 'get'>;
export type DefaulterInput = BodyOf<'/api/defaulters', 'post'>;
export type DefaulterRemoveInput = BodyOf<'/api/defaulters/{id}/remove', 'post'>;
export type EmployerIntegrity = ResponseOf<'/api/employers/{id}/integrity', 'get'>;

// ---- public ----

export type PublicDefaulter = ResponseOf<'/api/public/defaulters', 'get'>['items'][number];
export type WageLookupInput = BodyOf<'/api/public/wage-lookup', 'post'>;
export type WageLookupResult = ResponseOf<'/api/public/wage-lookup', 'post'>;
export type PublicProject = ResponseOf<'/api/public/projects/{code}', 'get'>;

export type WorkerWageRow = ResponseOf<'/api/workers/{id}/wages', 'get'>[number];

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

/** `params` of a project's routes. */
const pp = (id: string) => ({ path: { id } });

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

// ---- projects ----
export const getProjects = (query: ProjectListQuery, signal?: AbortSignal): Promise<ListResult<ProjectListItem>> =>
  GET('/api/projects', { params: { query }, signal });
export const createProject = (body: ProjectInput): Promise<ProjectDto> => POST('/api/projects', { body });
export const getProject = (id: string, signal?: AbortSignal) => GET('/api/projects/{id}', { params: pp(id), signal });
export const updateProject = (id: string, body: ProjectPatch): Promise<ProjectDto> =>
  PATCH('/api/projects/{id}', { params: pp(id), body });
/** Answers `{ id }` of the new unit. */
export const addProjectUnit = (id: string, body: ProjectUnitInput) =>
  POST('/api/projects/{id}/units', { params: pp(id), body });
/** Answers `{ id }` of the new team. */
export const addProjectTeam = (id: string, body: ProjectTeamInput) =>
  POST('/api/projects/{id}/teams', { params: pp(id), body });

// ---- workforce ----
export const getProjectWorkers = (
  id: string,
  query: ProjectWorkerQuery,
  signal?: AbortSignal,
): Promise<ListResult<ProjectWorker>> => GET('/api/projects/{id}/workers', { params: { ...pp(id), query }, signal });
export const enrolProjectWorker = (id: string, body: ProjectWorkerInput) =>
  POST('/api/projects/{id}/workers', { params: pp(id), body });
export const updateProjectWorker = (
  id: string,
  projectWorkerId: string,
  body: ProjectWorkerPatch,
): Promise<ProjectWorker> =>
  PATCH('/api/projects/{id}/workers/{pwId}', { params: { path: { id, pwId: projectWorkerId } }, body });

// ---- attendance ----
export const getAttendance = (id: string, month: string, signal?: AbortSignal) =>
  GET('/api/projects/{id}/attendance', { params: { ...pp(id), query: { month: toMonthParam(month) } }, signal });
export const putAttendance = (id: string, body: AttendanceInput) =>
  PUT('/api/projects/{id}/attendance', { params: pp(id), body: { ...body, month: toMonthParam(body.month) } });
export const uploadAttendance = (id: string, file: File): Promise<WageImportJob> =>
  UPLOAD('/api/projects/{id}/attendance/upload', { params: pp(id), body: fileForm(file) });

// ---- wage ledger ----
export const getPayrolls = (id: string, signal?: AbortSignal) =>
  GET('/api/projects/{id}/payrolls', { params: pp(id), signal });
export const getPayrollMonth = (id: string, month: string, signal?: AbortSignal) =>
  GET('/api/projects/{id}/payrolls/{month}', { params: { path: { id, month: toMonthParam(month) } }, signal });
export const uploadPayroll = (id: string, file: File) =>
  UPLOAD('/api/projects/{id}/payrolls', { params: pp(id), body: fileForm(file) });
export const createManualPayroll = (id: string, body: ManualPayrollInput) =>
  POST('/api/projects/{id}/payrolls/manual', { params: pp(id), body: { ...body, month: toMonthParam(body.month) } });
/** lineId is sent as a number (the server's bigint ids); answers `{ lineId }` of the adjusting entry. */
export const createAdjustment = (id: string, body: AdjustmentInput) =>
  POST('/api/projects/{id}/payrolls/adjustments', { params: pp(id), body: { ...body, lineId: Number(body.lineId) } });

// ---- bank payments ----
export const getBankPayments = (
  id: string,
  query: BankPaymentQuery,
  signal?: AbortSignal,
): Promise<ListResult<BankPayment>> =>
  GET('/api/projects/{id}/bank-payments', {
    params: { ...pp(id), query: { ...query, month: query.month ? toMonthParam(query.month) : undefined } },
    signal,
  });
export const uploadBankPayments = (id: string, file: File): Promise<WageImportJob> =>
  UPLOAD('/api/projects/{id}/bank-payments', { params: pp(id), body: fileForm(file) });

// ---- dedicated account ----
export const getAccount = (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
  GET('/api/projects/{id}/account', { params: { ...pp(id), query: { page, pageSize } }, signal });
export const putAccount = (id: string, body: AccountInput): Promise<AccountView> =>
  PUT('/api/projects/{id}/account', { params: pp(id), body });
export const addAccountTxn = (id: string, body: AccountTxnInput): Promise<AccountView> =>
  POST('/api/projects/{id}/account/txns', {
    params: pp(id),
    body: { ...body, month: body.month ? toMonthParam(body.month) : undefined },
  });
export const accountClosure = (id: string, action: AccountClosureAction): Promise<AccountView> =>
  POST('/api/projects/{id}/account/closure', { params: pp(id), body: { action } });

// ---- deposit ----
export const getDepositQuote = (id: string, signal?: AbortSignal) =>
  GET('/api/projects/{id}/deposit/quote', { params: pp(id), signal });
export const putDeposit = (id: string, body: DepositInput): Promise<DepositDto> =>
  PUT('/api/projects/{id}/deposit', { params: pp(id), body });
export const addDepositMovement = (id: string, body: DepositMovementInput): Promise<DepositDto> =>
  POST('/api/projects/{id}/deposit/movements', { params: pp(id), body });

// ---- notice board, timeline ----
/** Print-ready HTML page (open in a new window). */
export const noticeBoardUrl = (id: string, size: 'A4' | 'A3' = 'A4') =>
  urlOf('/api/projects/{id}/notice-board', { params: { ...pp(id), query: { size } } });
export const getProjectTimeline = (id: string, signal?: AbortSignal) =>
  GET('/api/projects/{id}/timeline', { params: pp(id), signal });

// ---- imports bound to a project ----
export const getWageImport = (jobId: string, signal?: AbortSignal): Promise<WageImportJob> =>
  GET('/api/imports/{id}', { params: { path: { id: jobId } }, signal });
export const downloadWageImportErrors = (jobId: string) =>
  GET_FILE('/api/imports/{id}/errors.xlsx', { params: { path: { id: jobId } } });
export const downloadWageTemplate = (kind: WageImportKind) =>
  GET_FILE('/api/imports/templates/{kind}', { params: { path: { kind } } });

// ---- warnings ----
export const getWarningRules = (signal?: AbortSignal) => GET('/api/warnings/rules', { signal });
export const getWarnings = (query: WarningListQuery, signal?: AbortSignal): Promise<ListResult<WarningDto>> =>
  GET('/api/warnings', { params: { query }, signal });
export const getWarning = (id: string, signal?: AbortSignal) =>
  GET('/api/warnings/{id}', { params: { path: { id } }, signal });
export const assignWarning = (id: string, body: WarningAssignInput): Promise<WarningDetail> =>
  POST('/api/warnings/{id}/assign', { params: { path: { id } }, body });
export const actOnWarning = (id: string, note: string): Promise<WarningDetail> =>
  POST('/api/warnings/{id}/act', { params: { path: { id } }, body: { note } });
export const closeWarning = (id: string, result: string): Promise<WarningDetail> =>
  POST('/api/warnings/{id}/close', { params: { path: { id } }, body: { result } });
/** Users who may handle the warning, by name or username (pages/warnings/UserPicker.tsx still calls it by hand). */
export const getWarningAssignees = (id: string, q?: string, signal?: AbortSignal) =>
  GET('/api/warnings/{id}/assignees', { params: { path: { id }, query: q ? { q } : undefined }, signal });
export const scanWarnings = () => POST('/api/warnings/scan');

// ---- dashboard and parameters ----
export const getWagesDashboard = (regionCode?: string, signal?: AbortSignal) =>
  GET('/api/wages/dashboard', { params: { query: { regionCode } }, signal });
export const getWageParams = (signal?: AbortSignal): Promise<WageParams> => GET('/api/wages/params', { signal });
export const putWageParams = (body: WageParams): Promise<WageParams> => PUT('/api/wages/params', { body });

// ---- arrears ----
export const getArrears = (query: ArrearsListQuery, signal?: AbortSignal): Promise<ListResult<ArrearsListItem>> =>
  GET('/api/arrears', { params: { query }, signal });
export const createArrears = (body: ArrearsInput) =>
  POST('/api/arrears', { body: { ...body, items: body.items.map((i) => ({ ...i, month: toMonthParam(i.month) })) } });
export const getArrearsCase = (id: string, signal?: AbortSignal) =>
  GET('/api/arrears/{id}', { params: { path: { id } }, signal });
export const orderArrears = (id: string, body: ArrearsOrderInput): Promise<ArrearsDetail> =>
  POST('/api/arrears/{id}/order', { params: { path: { id } }, body });
export const addArrearsPayment = (id: string, body: ArrearsPaymentInput): Promise<ArrearsDetail> =>
  POST('/api/arrears/{id}/payments', { params: { path: { id } }, body });
export const transferArrears = (id: string, note: string): Promise<ArrearsDetail> =>
  POST('/api/arrears/{id}/transfer', { params: { path: { id } }, body: { note } });
export const closeArrears = (id: string, note: string): Promise<ArrearsDetail> =>
  POST('/api/arrears/{id}/close', { params: { path: { id } }, body: { note } });
/** Print-ready HTML evidence package (open in a new window). */
export const arrearsEvidenceUrl = (id: string) => urlOf('/api/arrears/{id}/evidence', { params: { path: { id } } });

// ---- defaulters ----
export const getDefaulters = (query: DefaulterListQuery, signal?: AbortSignal): Promise<ListResult<Defaulter>> =>
  GET('/api/defaulters', { params: { query }, signal });
export const createDefaulter = (body: DefaulterInput) => POST('/api/defaulters', { body });
export const removeDefaulter = (id: string, body: DefaulterRemoveInput) =>
  POST('/api/defaulters/{id}/remove', { params: { path: { id } }, body });
export const getEmployerIntegrity = (employerId: string, signal?: AbortSignal) =>
  GET('/api/employers/{id}/integrity', { params: { path: { id: employerId } }, signal });

// ---- public (no sign-in: the session handlers are not involved) ----
export const getPublicDefaulters = (
  query: { q?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<ListResult<PublicDefaulter>> => GET('/api/public/defaulters', { params: { query }, signal });
export const wageLookup = (body: WageLookupInput) => POST('/api/public/wage-lookup', { body, skipAuthHandlers: true });
export const getPublicProject = (code: string, signal?: AbortSignal) =>
  GET('/api/public/projects/{code}', { params: { path: { code } }, signal });

// ---- worker profile ----
export const getWorkerWages = (workerId: string, signal?: AbortSignal) =>
  GET('/api/workers/{id}/wages', { params: { path: { id: workerId } }, signal });

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

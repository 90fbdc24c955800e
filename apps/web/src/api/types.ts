// The console's names for the API's types, each an alias of the type generated from the server's contracts
// (openapi.ts over generated/schema.ts; `npm run gen:api`). Never write a DTO by hand here: a field the server
// does not send must be a compile error in the page that reads it.
import type { WorkerFilters as DomainWorkerFilters } from '@mwsp/domain';
import type { BodyOf, QueryOf, ResponseOf, Schema } from './openapi';

/**
 * The problem+json answer as the client reads it: any error body (a proxy's, a network failure's) is tolerated,
 * so every member is optional here even though the contract declares them.
 */
export type Problem = Partial<Schema<'Problem'>> & {
  /** 409 DUPLICATE on POST /api/workers: the worker already registered with that ID number. */
  existingId?: string;
};
export type ProblemFieldError = NonNullable<Schema<'Problem'>['errors']>[number];

/** A page of a list answer (every paged route answers `pageOf(item)`). */
export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- Public ----

// ---- Sign-in ----

export type LoginRequest = BodyOf<'/api/auth/login', 'post'>;
export type MeResponse = ResponseOf<'/api/auth/me', 'get'>;
export type Me = MeResponse['user'];
export type Stage = MeResponse['stage'];
export type DataScope = Me['dataScope'];
export type DepartmentRef = NonNullable<Me['department']>;
export type ChangePasswordRequest = BodyOf<'/api/auth/password', 'post'>;
export type TotpEnrollResponse = ResponseOf<'/api/auth/totp/enroll', 'post'>;

// ---- Regions ----

export type RegionDetail = ResponseOf<'/api/regions/{code}', 'get'>;
export type Region = ResponseOf<'/api/regions', 'get'>[number];
export type RegionLevel = Region['level'];

// ---- Departments ----

export type Department = ResponseOf<'/api/departments', 'get'>[number];
export type DepartmentKind = Department['kind'];
export type DepartmentCreate = BodyOf<'/api/departments', 'post'>;
/** The fields the department form edits (the code is given only on creation). */
export type DepartmentInput = Omit<DepartmentCreate, 'code'>;
export type DepartmentPatch = BodyOf<'/api/departments/{id}', 'patch'>;
export type ModuleInfo = ResponseOf<'/api/modules', 'get'>[number];

// ---- Users ----

export type User = ResponseOf<'/api/users/{id}', 'get'>;
export type UserStatus = User['status'];
export type RoleRef = User['roles'][number];
export type UserListQuery = QueryOf<'/api/users', 'get'>;
export type CreateUserRequest = BodyOf<'/api/users', 'post'>;
export type CreateUserResponse = ResponseOf<'/api/users', 'post', 201>;
export type UpdateUserRequest = BodyOf<'/api/users/{id}', 'patch'>;
export type AssignRolesRequest = BodyOf<'/api/users/{id}/roles', 'put'>;
export type ApiToken = ResponseOf<'/api/users/{id}/tokens', 'get'>[number];
export type CreateTokenRequest = BodyOf<'/api/users/{id}/tokens', 'post'>;

// ---- Roles and permissions ----

export type Permission = ResponseOf<'/api/permissions', 'get'>[number];
export type Role = ResponseOf<'/api/roles', 'get'>[number];
export type CreateRoleRequest = BodyOf<'/api/roles', 'post'>;
export type UpdateRoleRequest = BodyOf<'/api/roles/{id}', 'patch'>;

// ---- Audit ----

export type AuditEntry = ResponseOf<'/api/audit', 'get'>['items'][number];
export type AuditOutcome = AuditEntry['outcome'];
// `from`/`to` are coerced dates on the server, so the generated type says `unknown`; the console sends ISO strings.
export type AuditQuery = QueryOf<'/api/audit', 'get'>;

// ---- Calendar ----

export type CalendarYear = ResponseOf<'/api/calendar/{year}', 'get'>;
export type CalendarDay = CalendarYear['days'][number];
export type CalendarDayKind = CalendarDay['kind'];
export type CalendarUpdateRequest = BodyOf<'/api/calendar/{year}', 'put'>;
export type DeadlineUnit = QueryOf<'/api/calendar/deadline', 'get'>['unit'];

// ---- Overview ----

export type Overview = ResponseOf<'/api/overview', 'get'>;

// ---- Real-name registry (docs/REGISTRY-API.md) ----

export type CodeTables = ResponseOf<'/api/code-tables', 'get'>;
export type CodeItem = CodeTables['ethnicities'][number];

/** A worker as the API returns it: every personal field masked. */
export type Worker = ResponseOf<'/api/workers/{id}', 'get'>;
export type Sex = Worker['sex'];
export type MigrantType = Worker['migrantType'];
export type WorkerStatus = Worker['status'];
export type WorkerSkill = Worker['skills'][number];
export type EmergencyContact = NonNullable<Worker['emergencyContact']>;
export type AccompanyingChild = Worker['accompanyingChildren'][number];
export type LeftBehindMember = Worker['leftBehind'][number];
export type LeftBehindRelation = LeftBehindMember['relation'];
export type InsuranceItem = Worker['insurance'][number];
export type InsuranceType = InsuranceItem['type'];
export type CurrentEmployment = NonNullable<Worker['currentEmployment']>;

/** A row of the worker list (the list leaves out the insurance records). */
export type WorkerListItem = WorkerPage['items'][number];
export type WorkerPage = ResponseOf<'/api/workers', 'get'>;
/** The answer of a registration or a change: the worker with its non-blocking warnings. */
export type WorkerSaved = ResponseOf<'/api/workers', 'post', 201>;

/** Answers of POST (and possibly PATCH) carry non-blocking warnings. */
export type WithWarnings<T> = T & { warnings?: string[] };

// The worker filters are one contract with the server (packages/domain registryFilters): the list
// query and the export body accept exactly these fields, so the console's list filters export as-is.
export type { WorkerSort } from '@mwsp/domain';
// The typed filters (booleans, not the query string's 'true'/'false') are the domain's; the client serialises them.
export type WorkerFilters = DomainWorkerFilters;
export type WorkerListQuery = WorkerFilters & Pick<QueryOf<'/api/workers', 'get'>, 'page' | 'pageSize'>;

export type WorkerInput = BodyOf<'/api/workers', 'post'>;
export type WorkerPatch = BodyOf<'/api/workers/{id}', 'patch'>;
export type UnmaskRequest = BodyOf<'/api/workers/{id}/unmask', 'post'>;
export type UnmaskField = UnmaskRequest['fields'][number];
export type UnmaskResult = ResponseOf<'/api/workers/{id}/unmask', 'post'>;
export type TimelineEntry = ResponseOf<'/api/workers/{id}/timeline', 'get'>[number];

export type Employer = ResponseOf<'/api/employers/{id}', 'get'>;
export type EmployerSize = NonNullable<Employer['size']>;
export type EmployerListQuery = QueryOf<'/api/employers', 'get'>;
export type EmployerInput = BodyOf<'/api/employers', 'post'>;

export type Employment = ResponseOf<'/api/employments', 'get'>['items'][number];
export type WageType = NonNullable<Employment['wageType']>;
export type ContractType = Employment['contractType'];
export type FilingStatus = Employment['filingStatus'];
export type EmploymentStatus = Employment['status'];
export type EmploymentListQuery = QueryOf<'/api/employments', 'get'>;
export type EmploymentInput = BodyOf<'/api/employments', 'post'>;
export type EmploymentPatch = BodyOf<'/api/employments/{id}', 'patch'>;
export type InsuranceTransferInput = BodyOf<'/api/workers/{id}/insurance/transfers', 'post'>;

export type ImportJob = ResponseOf<'/api/imports/{id}', 'get'>;
export type ImportKind = ImportJob['kind'];
export type ImportStatus = ImportJob['status'];

export type ExportRequest = BodyOf<'/api/exports', 'post'>;

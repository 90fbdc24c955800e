import type { WorkerFilters as DomainWorkerFilters } from '@mwsp/domain';
// Types mirroring docs/API.md (contract between server and console).

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  /** 409 DUPLICATE on POST /api/workers: the worker already registered with that ID number. */
  existingId?: string;
  /** Other extension members. */
  [key: string]: unknown;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- Public ----

export interface SystemInfo {
  name: string;
  city: { code: string; name: string };
  mode: 'demo' | 'production';
  demoData: boolean;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  migration: number;
  version: string;
}

// ---- Sign-in ----

export type Stage = 'password_change' | 'totp_enroll' | 'totp' | 'done';

export type DataScope = 'self' | 'department' | 'region' | 'all';

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  department: DepartmentRef | null;
  regionCode: string | null;
  regionName: string | null;
  dataScope: DataScope;
  roles: { code: string; name: string }[];
  permissions: string[];
  /** The permission catalogue's Chinese name of each permission held. */
  permissionNames?: Record<string, string>;
  totpEnabled: boolean;
  totpRequired: boolean;
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  stage: Stage;
  user: Me | null;
}

export interface MeResponse {
  stage: Stage;
  /** The contract says `Me`; it is treated as possibly null before the stage is `done`. */
  user: Me | null;
  idleTimeoutSeconds: number;
}

export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

export interface StageResponse {
  stage: Stage;
}

export interface TotpEnrollResponse {
  secret: string;
  otpauthUrl: string;
  /** true: the secret generated earlier in this session and not yet confirmed. */
  pending: boolean;
}

// ---- Regions ----

export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
  fullName: string;
}

export interface RegionDetail extends Region {
  ancestors: Region[];
}

// ---- Departments ----

export type DepartmentKind = 'government' | 'court' | 'mass_org' | 'other';

export interface Department {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: DepartmentKind;
  regionCode: string;
  modules: string[];
  active: boolean;
  sort: number;
  note: string | null;
  /** Names before a reform (原名), e.g. the policy document's. */
  formerNames: string[];
}

export interface DepartmentInput {
  code?: string;
  name: string;
  shortName: string | null;
  kind: DepartmentKind;
  regionCode: string;
  modules: string[];
  active: boolean;
  sort: number;
  note: string | null;
  formerNames: string[];
}

export interface ModuleInfo {
  code: string;
  name: string;
}

// ---- Users ----

export type UserStatus = 'active' | 'disabled';

export interface RoleRef {
  id: string;
  code: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  regionCode: string | null;
  regionName: string | null;
  phone: string | null;
  dataScope: DataScope;
  roles: RoleRef[];
  status: UserStatus;
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserListQuery {
  q?: string;
  departmentId?: string;
  regionCode?: string;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  departmentId: string;
  regionCode: string;
  phone?: string;
}

export interface CreateUserResponse {
  user: User;
  initialPassword: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  departmentId?: string;
  regionCode?: string;
  phone?: string;
  status?: UserStatus;
}

export interface ResetPasswordResponse {
  initialPassword: string;
}

export interface AssignRolesRequest {
  roleIds: string[];
  dataScope: DataScope;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreateTokenRequest {
  name: string;
  days: number;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

// ---- Roles and permissions ----

export interface Permission {
  code: string;
  name: string;
  module: string;
  admin: boolean;
  sensitive: boolean;
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string | null;
  permissions: string[];
  builtin: boolean;
  adminRole: boolean;
  userCount: number;
}

export interface CreateRoleRequest {
  code: string;
  name: string;
  description: string;
  permissions: string[];
}

export interface UpdateRoleRequest {
  name?: string;
  description?: string;
  permissions?: string[];
}

// ---- Audit ----

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  seq: number;
  id: string;
  ts: string;
  userId: string | null;
  username: string | null;
  department: string | null;
  regionCode: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  detail: unknown;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  outcome?: AuditOutcome;
  page: number;
  pageSize: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
  /** Seq of the anchor the chain was checked against (null: none given). */
  anchorSeq?: number | null;
}

// ---- Calendar ----

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  provisional: boolean;
  days: CalendarDay[];
}

export interface CalendarUpdateRequest {
  provisional: boolean;
  days: CalendarDay[];
}

export type DeadlineUnit = 'working' | 'calendar';

export interface DeadlineResponse {
  due: string;
}

// ---- Overview ----

export interface Overview {
  regions: { level: number; count: number }[];
  departments: number;
  users?: { status: string; count: number }[];
  logins?: { date: string; success: number; failure: number }[];
}

// ---- Real-name registry (docs/REGISTRY-API.md) ----

export interface CodeItem {
  code: string;
  name: string;
}

export type EmployerSize = 'micro' | 'small' | 'medium' | 'large';
export type InsuranceType = 'pension' | 'medical' | 'injury' | 'unemployment' | 'maternity';

export interface CodeTables {
  ethnicities: CodeItem[];
  educations: CodeItem[];
  industries: CodeItem[];
  occupations: CodeItem[];
  employerSizes: CodeItem[];
  schoolStages: CodeItem[];
  insuranceTypes: CodeItem[];
  relations: CodeItem[];
}

export type Sex = 'male' | 'female';
export type MigrantType = 'local' | 'out';
export type WorkerStatus = 'active' | 'merged';
export type LeftBehindRelation = 'child' | 'spouse' | 'parent';

export interface WorkerSkill {
  occupationCode: string;
  certificate: string | null;
  level: string | null;
}

export interface EmergencyContact {
  name: string;
  relation: string;
  phone: string;
}

export interface AccompanyingChild {
  name: string;
  birthYear: number;
  schoolStage: string;
}

export interface LeftBehindMember {
  relation: LeftBehindRelation;
  name: string;
  birthYear: number;
}

export interface InsuranceItem {
  type: InsuranceType | string;
  enrolled: boolean;
  since: string | null;
  placeRegionCode: string | null;
}

export interface CurrentEmployment {
  id: string;
  employerId: string;
  employerName: string;
  position: string | null;
}

/** A worker as the API returns it: every personal field masked. */
export interface Worker {
  id: string;
  name: string;
  /** Masked: '110105********0021'. */
  idNumber: string;
  sex: Sex;
  /** Always null: the birth date is the masked part of the ID number (audited unmask `birthDate`). */
  birthDate: string | null;
  age: number;
  ethnicity: string;
  education: string;
  /** Masked '138****1234' or null. */
  phone: string | null;
  hukouRegionCode: string;
  hukouRegionName: string | null;
  residenceRegionCode: string;
  residenceRegionName: string | null;
  migrantType: MigrantType;
  crossProvince: boolean;
  skills: WorkerSkill[];
  /** Masked '****1234' or null. */
  bankCard: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  /** Name and phone masked. */
  emergencyContact: EmergencyContact | null;
  accompanyingChildren: AccompanyingChild[];
  leftBehind: LeftBehindMember[];
  status: WorkerStatus;
  mergedInto: string | null;
  currentEmployment: CurrentEmployment | null;
  insurance: InsuranceItem[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Answers of POST (and possibly PATCH) carry non-blocking warnings. */
export type WithWarnings<T> = T & { warnings?: string[] };

// The worker filters are one contract with the server (packages/domain registryFilters): the list
// query and the export body accept exactly these fields, so the console's list filters export as-is.
export type { WorkerSort } from '@mwsp/domain';
export type WorkerFilters = DomainWorkerFilters;

export interface WorkerListQuery extends WorkerFilters {
  page: number;
  pageSize: number;
}

export interface WorkerInput {
  name: string;
  idNumber: string;
  ethnicity: string;
  education: string;
  phone?: string;
  hukouRegionCode: string;
  residenceRegionCode: string;
  skills?: WorkerSkill[];
  bankCard?: string;
  bankName?: string;
  emergencyContact?: EmergencyContact;
  accompanyingChildren?: AccompanyingChild[];
  leftBehind?: LeftBehindMember[];
}

export type WorkerPatch = Partial<WorkerInput> & { version: number };

export type UnmaskField = 'idNumber' | 'birthDate' | 'phone' | 'bankCard' | 'emergencyContact';

export interface UnmaskRequest {
  fields: UnmaskField[];
  purpose: string;
}

export interface UnmaskResult {
  idNumber?: string;
  birthDate?: string;
  phone?: string;
  bankCard?: string;
  emergencyContactPhone?: string;
}

export interface TimelineEntry {
  ts: string;
  type: string;
  summary: string;
  actor: string | null;
  data: unknown;
}

export interface Employer {
  id: string;
  creditCode: string;
  creditCodeValid: boolean;
  name: string;
  legalRep: string | null;
  industry: string | null;
  size: EmployerSize | null;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  contactName: string | null;
  /** Masked. */
  contactPhone: string | null;
  workerCount: number;
  /** 0..1 */
  contractRate: number | null;
  createdAt: string;
  /** Whether the caller may edit it (the register is readable city-wide; edits only within the caller's scope). */
  editable?: boolean;
}

export interface EmployerListQuery {
  q?: string;
  creditCode?: string;
  regionCode?: string;
  industry?: string;
  page: number;
  pageSize: number;
}

export interface EmployerInput {
  creditCode: string;
  name: string;
  legalRep?: string | null;
  industry: string;
  size: EmployerSize;
  regionCode: string;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export type WageType = 'monthly' | 'daily' | 'piece';
export type ContractType = 'fixed' | 'open' | 'task' | 'none';
export type FilingStatus = 'filed' | 'pending' | 'none';
export type EmploymentStatus = 'active' | 'ended';

export interface Employment {
  id: string;
  workerId: string;
  workerName: string;
  employerId: string;
  employerName: string;
  startDate: string;
  endDate: string | null;
  position: string | null;
  occupationCode: string | null;
  wageFen: number | null;
  wageType: WageType | null;
  contractType: ContractType;
  contractSigned: boolean;
  contractTermMonths: number | null;
  filingStatus: FilingStatus;
  dispatch: boolean;
  status: EmploymentStatus;
}

export interface EmploymentListQuery {
  workerId?: string;
  employerId?: string;
  status?: EmploymentStatus;
  page: number;
  pageSize: number;
}

export interface EmploymentInput {
  workerId: string;
  employerId: string;
  startDate: string;
  position: string;
  occupationCode: string | null;
  wageFen: number;
  wageType: WageType;
  contractType: ContractType;
  contractSigned: boolean;
  contractTermMonths: number | null;
  filingStatus: FilingStatus;
  dispatch: boolean;
}

export type EmploymentPatch = Partial<Omit<EmploymentInput, 'workerId'>> & {
  endDate?: string | null;
  status?: EmploymentStatus;
};

export interface InsuranceTransferInput {
  type: string;
  fromRegionCode: string;
  toRegionCode: string;
  date: string;
}

export type ImportKind = 'workers' | 'employers' | 'employments';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
  id: string;
  kind: ImportKind;
  filename: string;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number;
  okRows: number;
  errorRows: number;
  createdRows: number;
  updatedRows: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ExportRequest {
  kind: 'workers';
  filters: WorkerFilters;
  unmask?: boolean;
  purpose?: string;
}

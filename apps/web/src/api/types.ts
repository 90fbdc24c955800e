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

import { ApiError, api, apiBlob, http } from './client';
import type {
  ApiToken,
  AssignRolesRequest,
  AuditEntry,
  AuditQuery,
  AuditVerifyResult,
  CalendarUpdateRequest,
  CalendarYear,
  ChangePasswordRequest,
  CreateRoleRequest,
  CreateTokenRequest,
  CreateUserRequest,
  CreateUserResponse,
  CreatedApiToken,
  DeadlineResponse,
  DeadlineUnit,
  Department,
  DepartmentCreate,
  DepartmentPatch,
  ListResult,
  LoginRequest,
  LoginResponse,
  MeResponse,
  ModuleInfo,
  Overview,
  Permission,
  Region,
  RegionDetail,
  ResetPasswordResponse,
  Role,
  StageResponse,
  SystemInfo,
  TotpEnrollResponse,
  UpdateRoleRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
} from './types';

const enc = encodeURIComponent;

/** Query keys, grouped so that invalidation by prefix works. */
export const qk = {
  me: ['me'] as const,
  systemInfo: ['system', 'info'] as const,
  overview: ['overview'] as const,
  regionChildren: (parent: string) => ['regions', 'children', parent] as const,
  regionSearch: (q: string) => ['regions', 'search', q] as const,
  region: (code: string) => ['regions', 'detail', code] as const,
  departments: (q?: string, active?: boolean) => ['departments', { q: q ?? '', active }] as const,
  departmentsAll: ['departments'] as const,
  modules: ['modules'] as const,
  users: (query: UserListQuery) => ['users', 'list', query] as const,
  usersAll: ['users'] as const,
  tokens: (userId: string) => ['users', 'tokens', userId] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  calendar: (year: number) => ['calendar', year] as const,
};

// ---- Public ----
export const getSystemInfo = () => http.get<SystemInfo>('/api/system/info');

// ---- Sign-in ----
export const login = (body: LoginRequest) =>
  api<LoginResponse>('/api/auth/login', { method: 'POST', body, credentialCheck: true, skipAuthHandlers: true });

/** Returns null when not signed in (401). */
export async function getMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    return await api<MeResponse>('/api/auth/me', { signal, skipAuthHandlers: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const changePassword = (body: ChangePasswordRequest) =>
  api<StageResponse>('/api/auth/password', { method: 'POST', body, credentialCheck: true });
/** The pending secret when there is one (a reload shows the same secret); `regenerate` asks for a new one. */
export const enrollTotp = (regenerate = false) =>
  http.post<TotpEnrollResponse>('/api/auth/totp/enroll', regenerate ? { regenerate: true } : undefined);
export const confirmTotp = (code: string) =>
  api<StageResponse>('/api/auth/totp/confirm', { method: 'POST', body: { code }, credentialCheck: true });
export const verifyTotp = (code: string) =>
  api<StageResponse>('/api/auth/totp/verify', { method: 'POST', body: { code }, credentialCheck: true });
export const logout = () => api<void>('/api/auth/logout', { method: 'POST', skipAuthHandlers: true });

// ---- Overview ----
export const getOverview = (signal?: AbortSignal) => http.get<Overview>('/api/overview', undefined, signal);

// ---- Regions ----
export const getRegionChildren = (parent: string, signal?: AbortSignal) =>
  http.get<Region[]>('/api/regions', { parent }, signal);
export const searchRegions = (q: string, signal?: AbortSignal) => http.get<Region[]>('/api/regions', { q }, signal);
export const getRegion = (code: string, signal?: AbortSignal) =>
  http.get<RegionDetail>(`/api/regions/${enc(code)}`, undefined, signal);

// ---- Departments ----
export const getDepartments = (q?: string, active?: boolean, signal?: AbortSignal) =>
  http.get<Department[]>('/api/departments', { q, active }, signal);
export const createDepartment = (body: DepartmentCreate) => http.post<Department>('/api/departments', body);
export const updateDepartment = (id: string, body: DepartmentPatch) =>
  http.patch<Department>(`/api/departments/${enc(id)}`, body);
export const getModules = () => http.get<ModuleInfo[]>('/api/modules');

// ---- Users ----
export const getUsers = (query: UserListQuery, signal?: AbortSignal) =>
  http.get<ListResult<User>>('/api/users', { ...query }, signal);
export const getUser = (id: string) => http.get<User>(`/api/users/${enc(id)}`);
export const createUser = (body: CreateUserRequest) => http.post<CreateUserResponse>('/api/users', body);
export const updateUser = (id: string, body: UpdateUserRequest) => http.patch<User>(`/api/users/${enc(id)}`, body);
export const resetUserPassword = (id: string) =>
  http.post<ResetPasswordResponse>(`/api/users/${enc(id)}/reset-password`);
export const unlockUser = (id: string) => http.post<void>(`/api/users/${enc(id)}/unlock`);
export const assignUserRoles = (id: string, body: AssignRolesRequest) =>
  http.put<User>(`/api/users/${enc(id)}/roles`, body);
export const getUserTokens = (id: string, signal?: AbortSignal) =>
  http.get<ApiToken[]>(`/api/users/${enc(id)}/tokens`, undefined, signal);
export const createUserToken = (id: string, body: CreateTokenRequest) =>
  http.post<CreatedApiToken>(`/api/users/${enc(id)}/tokens`, body);
export const revokeToken = (tokenId: string) => http.delete(`/api/tokens/${enc(tokenId)}`);

// ---- Roles and permissions ----
export const getPermissions = () => http.get<Permission[]>('/api/permissions');
export const getRoles = () => http.get<Role[]>('/api/roles');
export const createRole = (body: CreateRoleRequest) => http.post<Role>('/api/roles', body);
export const updateRole = (id: string, body: UpdateRoleRequest) => http.patch<Role>(`/api/roles/${enc(id)}`, body);
export const deleteRole = (id: string) => http.delete(`/api/roles/${enc(id)}`);

// ---- Audit ----
export const getAudit = (query: AuditQuery, signal?: AbortSignal) =>
  http.get<ListResult<AuditEntry>>('/api/audit', { ...query }, signal);
// Walks the whole chain: on a long log this legitimately takes longer than the usual 30 s.
export const verifyAudit = () => api<AuditVerifyResult>('/api/audit/verify', { timeoutMs: 300_000 });
/** The chain head's MAC'd anchor file, for the auditor to keep offline. */
export const downloadAuditAnchor = () => apiBlob('/api/audit/anchor');
/** Verification against an anchor the auditor kept (finds a cut tail). */
export const verifyAuditAgainst = (anchor: unknown) =>
  api<AuditVerifyResult>('/api/audit/verify', { method: 'POST', body: { anchor }, timeoutMs: 300_000 });

// ---- Calendar ----
export const getCalendar = (year: number, signal?: AbortSignal) =>
  http.get<CalendarYear>(`/api/calendar/${year}`, undefined, signal);
export const putCalendar = (year: number, body: CalendarUpdateRequest) =>
  http.put<CalendarYear>(`/api/calendar/${year}`, body);
export const getDeadline = (start: string, amount: number, unit: DeadlineUnit) =>
  http.get<DeadlineResponse>('/api/calendar/deadline', { start, amount, unit });

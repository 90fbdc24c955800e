// Calls of the system administration pages (users, roles, audit, calendar).
import type { BodyOf, ResponseOf } from '../../api/openapi';
import { DELETE, GET, GET_FILE, PATCH, POST, PUT } from '../../api/typed';
import type {
  AssignRolesRequest,
  AuditEntry,
  AuditQuery,
  CalendarUpdateRequest,
  CreateRoleRequest,
  CreateTokenRequest,
  CreateUserRequest,
  DeadlineUnit,
  ListResult,
  UpdateRoleRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
} from '../../api/types';

/** Query keys of the system pages, grouped so that invalidation by prefix works. */
export const systemKeys = {
  users: (query: UserListQuery) => ['users', 'list', query] as const,
  usersAll: ['users'] as const,
  tokens: (userId: string) => ['users', 'tokens', userId] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  calendar: (year: number) => ['calendar', year] as const,
};

type AuditAnchor = BodyOf<'/api/audit/verify', 'post'>['anchor'];

// ---- Users ----
export const getUsers = (query: UserListQuery, signal?: AbortSignal): Promise<ListResult<User>> =>
  GET('/api/users', { params: { query }, signal });
export const getUser = (id: string) => GET('/api/users/{id}', { params: { path: { id } } });
export const createUser = (body: CreateUserRequest) => POST('/api/users', { body });
export const updateUser = (id: string, body: UpdateUserRequest) =>
  PATCH('/api/users/{id}', { params: { path: { id } }, body });
export const resetUserPassword = (id: string) => POST('/api/users/{id}/reset-password', { params: { path: { id } } });
export const unlockUser = (id: string) => POST('/api/users/{id}/unlock', { params: { path: { id } } });
export const assignUserRoles = (id: string, body: AssignRolesRequest) =>
  PUT('/api/users/{id}/roles', { params: { path: { id } }, body });
export const getUserTokens = (id: string, signal?: AbortSignal) =>
  GET('/api/users/{id}/tokens', { params: { path: { id } }, signal });
export const createUserToken = (id: string, body: CreateTokenRequest) =>
  POST('/api/users/{id}/tokens', { params: { path: { id } }, body });
export const revokeToken = (tokenId: string) => DELETE('/api/tokens/{id}', { params: { path: { id: tokenId } } });

// ---- Roles and permissions ----
export const getPermissions = () => GET('/api/permissions');
export const getRoles = () => GET('/api/roles');
export const createRole = (body: CreateRoleRequest) => POST('/api/roles', { body });
export const updateRole = (id: string, body: UpdateRoleRequest) =>
  PATCH('/api/roles/{id}', { params: { path: { id } }, body });
export const deleteRole = (id: string) => DELETE('/api/roles/{id}', { params: { path: { id } } });

// ---- Audit ----
export const getAudit = (query: AuditQuery, signal?: AbortSignal): Promise<ListResult<AuditEntry>> =>
  GET('/api/audit', { params: { query }, signal });
// Walks the whole chain: on a long log this legitimately takes longer than the usual 30 s.
export const verifyAudit = () => GET('/api/audit/verify', { timeoutMs: 300_000 });
/** The chain head's MAC'd anchor file, for the auditor to keep offline. */
export const downloadAuditAnchor = () => GET_FILE('/api/audit/anchor');
/** Verification against an anchor the auditor kept (finds a cut tail). */
// The anchor is the file the auditor kept, unchecked here: the server validates it (422 on a bad one).
export const verifyAuditAgainst = (anchor: unknown) =>
  POST('/api/audit/verify', { body: { anchor: anchor as AuditAnchor }, timeoutMs: 300_000 });

// ---- Calendar ----
export const getCalendar = (year: number, signal?: AbortSignal) =>
  GET('/api/calendar/{year}', { params: { path: { year } }, signal });
export const putCalendar = (year: number, body: CalendarUpdateRequest) =>
  PUT('/api/calendar/{year}', { params: { path: { year } }, body });
export const getDeadline = (start: string, amount: number, unit: DeadlineUnit) =>
  GET('/api/calendar/deadline', { params: { query: { start, amount, unit } } });

/** Years running statutory clocks run through with no calendar loaded (the case engine warns the administrators). */
export const getCalendarGaps = (signal?: AbortSignal) => GET('/api/cases/calendar-gaps', { signal });

/** The background re-projection of the running statutory clocks after a calendar edit, with its progress. */
export const reprojectionKey = ['calendar', 'reprojection'] as const;
export const getReprojection = (signal?: AbortSignal) => GET('/api/cases/reprojection', { signal });
export type Reprojection = NonNullable<ResponseOf<'/api/cases/reprojection', 'get'>['job']>;

import { ApiError } from './client';
import { GET, PATCH, POST } from './typed';
import type { ChangePasswordRequest, DepartmentCreate, DepartmentPatch, LoginRequest, MeResponse } from './types';

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
};

// ---- Public ----
export const getSystemInfo = () => GET('/api/system/info');

// ---- Sign-in ----
export const login = (body: LoginRequest) =>
  POST('/api/auth/login', { body, credentialCheck: true, skipAuthHandlers: true });

/** Returns null when not signed in (401). */
export async function getMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    return await GET('/api/auth/me', { signal, skipAuthHandlers: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const changePassword = (body: ChangePasswordRequest) =>
  POST('/api/auth/password', { body, credentialCheck: true });
/** The pending secret when there is one (a reload shows the same secret); `regenerate` asks for a new one. */
export const enrollTotp = (regenerate = false) =>
  POST('/api/auth/totp/enroll', { body: regenerate ? { regenerate: true } : undefined });
export const confirmTotp = (code: string) => POST('/api/auth/totp/confirm', { body: { code }, credentialCheck: true });
export const verifyTotp = (code: string) => POST('/api/auth/totp/verify', { body: { code }, credentialCheck: true });
export const logout = () => POST('/api/auth/logout', { skipAuthHandlers: true });

// ---- Overview ----
export const getOverview = (signal?: AbortSignal) => GET('/api/overview', { signal });

// ---- Regions ----
export const getRegionChildren = (parent: string, signal?: AbortSignal) =>
  GET('/api/regions', { params: { query: { parent } }, signal });
export const searchRegions = (q: string, signal?: AbortSignal) =>
  GET('/api/regions', { params: { query: { q } }, signal });
export const getRegion = (code: string, signal?: AbortSignal) =>
  GET('/api/regions/{code}', { params: { path: { code } }, signal });

// ---- Departments ----
export const getDepartments = (q?: string, active?: boolean, signal?: AbortSignal) =>
  GET('/api/departments', { params: { query: { q, active } }, signal });
export const createDepartment = (body: DepartmentCreate) => POST('/api/departments', { body });
export const updateDepartment = (id: string, body: DepartmentPatch) =>
  PATCH('/api/departments/{id}', { params: { path: { id } }, body });
export const getModules = () => GET('/api/modules');

// ---- The user picker (可指派人员: cases, grids) ----
export const assignableUserKeys = {
  search: (q: string) => ['users', 'assignable', q] as const,
  byIds: (ids: string) => ['users', 'assignable', 'ids', ids] as const,
};
export const getAssignableUsers = (query: { q?: string; ids?: string; limit?: number }, signal?: AbortSignal) =>
  GET('/api/users/assignable', { params: { query }, signal });

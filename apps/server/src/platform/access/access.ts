import { forbidden, notFound } from '../http/errors.js';
import type { Principal } from './principal.js';

/** What a use case is about to touch: the record's region, department and owner, when it has them. */
export interface Resource {
  regionCode?: string | null;
  departmentId?: string | null;
  ownerId?: string | null;
}

/**
 * The one access decision every service calls (as Immich's requireAccess). Deny by default:
 * a missing permission is 403; a record outside the caller's region or data scope is 404, the same
 * answer as a record that does not exist, so scope cannot be probed. PostgreSQL row-level security
 * enforces the region part a second time underneath.
 */
export function access(p: Principal, permission: string, resource?: Resource): void {
  if (!p.permissions.has(permission)) throw forbidden();
  if (!resource) return;
  if (!inScope(p, resource)) throw notFound();
}

export function inScope(p: Principal, r: Resource): boolean {
  if (p.dataScope === 'all') return true;
  if (r.regionCode != null && !r.regionCode.startsWith(p.regionCode)) return false;
  if (p.dataScope === 'department' && r.departmentId !== undefined && r.departmentId !== p.departmentId) return false;
  if (p.dataScope === 'self' && r.ownerId !== undefined && r.ownerId !== p.userId) return false;
  return true;
}

export function can(p: Principal, permission: string): boolean {
  return p.permissions.has(permission);
}

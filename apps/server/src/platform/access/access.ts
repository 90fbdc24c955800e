import { forbidden, notFound } from '../http/errors.js';
import type { Principal } from './principal.js';

/**
 * What a use case is about to touch: the record's region, department and owner, when it has them.
 * `undefined` = the record type has no such attribute (the scope does not look at it); `null` = the
 * record has the attribute but no value (e.g. generated data): no 本部门/本人 caller matches it.
 */
export interface Resource {
  regionCode?: string | null;
  departmentId?: string | null;
  ownerId?: string | null;
}

/**
 * The one access decision every service calls (as Immich's requireAccess). Deny by default:
 * a missing permission is 403; a record outside the caller's region or data scope is 404, the same
 * answer as a record that does not exist, so scope cannot be probed. PostgreSQL row-level security
 * enforces the same scope a second time underneath (tables with created_by/department_id: migration 0011).
 */
export function access(p: Principal, permission: string, resource?: Resource): void {
  if (!p.permissions.has(permission)) throw forbidden();
  if (!resource) return;
  if (!inScope(p, resource)) throw notFound();
}

/**
 * The scoped load (as Immich's requireAccess): `row` is what the repo found for an id; a missing row
 * and a row outside the caller's scope give the same 404 with `message`, so scope cannot be probed.
 * `resourceOf` says where the record sits (region, department, owner) when that is not the row itself.
 */
export function requireInScope<T extends object>(
  p: Principal,
  row: T | null | undefined,
  message: string,
  resourceOf: (row: T) => Resource = (r) => r as Resource,
): T {
  if (!row || !inScope(p, resourceOf(row))) throw notFound(message);
  return row;
}

/**
 * 全部 sees everything; 本辖区及下级 the region prefix; 本部门 the region prefix and the record's
 * department; 本人 the region prefix and the records it owns.
 */
export function inScope(p: Principal, r: Resource): boolean {
  if (p.dataScope === 'all') return true;
  if (r.regionCode != null && !r.regionCode.startsWith(p.regionCode)) return false;
  if (
    p.dataScope === 'department' &&
    r.departmentId !== undefined &&
    (p.departmentId == null || r.departmentId !== p.departmentId)
  )
    return false;
  if (p.dataScope === 'self' && r.ownerId !== undefined && r.ownerId !== p.userId) return false;
  return true;
}

/**
 * The owner/department a list query must add for the caller's data scope (the service narrows the
 * query itself; RLS narrows it again). A 本部门 caller without a department gets a filter no row
 * matches.
 */
export function scopeFilter(p: Principal): { ownerId?: string; departmentId?: string } {
  if (p.dataScope === 'self') return { ownerId: p.userId };
  if (p.dataScope === 'department') return { departmentId: p.departmentId ?? '00000000-0000-0000-0000-000000000000' };
  return {};
}

export function can(p: Principal, permission: string): boolean {
  return p.permissions.has(permission);
}

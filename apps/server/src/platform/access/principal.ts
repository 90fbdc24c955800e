import { DATA_SCOPE_LABELS, type DataScope } from '@mwsp/domain';
import { changedAfterCommit, type DbScope } from '../../db/client.js';

export type { DataScope };
/** The Chinese names of the data scopes (defined once, with the accounts contract). */
export const DATA_SCOPE_NAMES = DATA_SCOPE_LABELS;
const SCOPE_RANK: Record<DataScope, number> = { self: 0, department: 1, region: 2, all: 3 };

export function scopeAtMost(scope: DataScope, ceiling: DataScope): boolean {
  return SCOPE_RANK[scope] <= SCOPE_RANK[ceiling];
}

/** The change topic of what a resolved session is made of (sessions, users, roles, departments). */
export const PRINCIPAL_TOPIC = 'principal';
/** Keys of a principal change: everything ('*'), a session (`session:<id>`), all sessions of a user (`user:<id>`). */
export const sessionKey = (id: string) => `session:${id}`;
export const userKey = (id: string) => `user:${id}`;

/**
 * Called by the repositories after a statement that changes a session, an account, its roles, a role or a
 * department: the session caches of this instance (auth/session-cache.ts) drop what it names right after the
 * commit.
 */
export function principalChanged(key: string): void {
  changedAfterCommit(PRINCIPAL_TOPIC, key);
}

/** Who is calling: resolved once per request from the session or API token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  regionCode: string;
  dataScope: DataScope;
  roles: { id: string; code: string; name: string; adminRole: boolean }[];
  permissions: Set<string>;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  ip: string;
}

/**
 * The row-level-security scope a principal's queries run under: the region prefix, and for 本人/本部门
 * the owner or department that rows carrying those columns must have (app.data_scope).
 */
export function dbScopeOf(p: Principal): DbScope {
  return {
    region: p.dataScope === 'all' ? '*' : p.regionCode,
    userId: p.userId,
    departmentId: p.dataScope === 'department' || p.dataScope === 'self' ? p.departmentId : null,
    dataScope: p.dataScope,
  };
}

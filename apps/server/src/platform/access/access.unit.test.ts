import { describe, expect, it } from 'vitest';
import { inScope, scopeFilter } from './access.js';
import type { DataScope, Principal } from './principal.js';
import { dbScopeOf } from './principal.js';

const me = (dataScope: DataScope, departmentId: string | null = 'd1'): Principal => ({
  userId: 'u1',
  username: 'u1',
  displayName: 'U1',
  departmentId,
  departmentName: null,
  regionCode: '530102',
  dataScope,
  roles: [],
  permissions: new Set(),
  via: 'session',
  ip: '127.0.0.1',
});
const rec = (over: { regionCode?: string; departmentId?: string | null; ownerId?: string | null } = {}) => ({
  regionCode: '530102001',
  departmentId: 'd1',
  ownerId: 'u1',
  ...over,
});

describe('data scopes (issue #8)', () => {
  it('本人 sees only what it owns, 本部门 only its department, both inside the region', () => {
    expect(inScope(me('self'), rec())).toBe(true);
    expect(inScope(me('self'), rec({ ownerId: 'u2' }))).toBe(false);
    expect(inScope(me('self'), rec({ ownerId: null }))).toBe(false);
    expect(inScope(me('self'), rec({ regionCode: '530103001' }))).toBe(false);
    expect(inScope(me('department'), rec({ ownerId: 'u2' }))).toBe(true);
    expect(inScope(me('department'), rec({ departmentId: 'd2' }))).toBe(false);
    expect(inScope(me('department'), rec({ departmentId: null }))).toBe(false);
    expect(inScope(me('region'), rec({ departmentId: 'd2', ownerId: 'u2' }))).toBe(true);
    expect(inScope(me('region'), rec({ regionCode: '530103001' }))).toBe(false);
    expect(inScope(me('all'), rec({ regionCode: '650102001', departmentId: null, ownerId: null }))).toBe(true);
  });

  it('a 本部门 user without a department matches no record, not every record without one', () => {
    expect(inScope(me('department', null), rec({ departmentId: null }))).toBe(false);
    expect(scopeFilter(me('department', null)).departmentId).toBeTruthy();
  });

  it('hands the data scope to row-level security', () => {
    expect(dbScopeOf(me('self'))).toMatchObject({ region: '530102', userId: 'u1', dataScope: 'self' });
    expect(dbScopeOf(me('department'))).toMatchObject({ departmentId: 'd1', dataScope: 'department' });
    expect(dbScopeOf(me('all'))).toMatchObject({ region: '*', dataScope: 'all' });
    expect(scopeFilter(me('self'))).toEqual({ ownerId: 'u1' });
    expect(scopeFilter(me('region'))).toEqual({});
  });
});

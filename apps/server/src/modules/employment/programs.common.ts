import { countyCodeOf, isWithinRegion, type ProgramListQuery } from '@mwsp/domain';
import type { Executor } from '../../db/client.js';
import { access, scopeFilter } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import { badRequest } from '../../platform/http/errors.js';
import type { RegistryPort } from '../registry/index.js';
import * as repo from './programs.repo.js';

/** What the programme services share: region checks, owners, the list filter, worker references. */

export const READ = 'employment:read';
export const HANDLE = 'employment:handle';

/** Region levels: 2 city, 3 county, 4 township, 5 village. */
export type MinLevel = 2 | 3 | 4;
const LEVEL_TEXT: Record<MinLevel, string> = { 2: '市', 3: '区（县）', 4: '乡镇（街道）' };

/**
 * A record's region: in the city, existing, at least at `minLevel`; and in the caller's scope (out of scope: 404,
 * as a record that does not exist). `path` names the field in the message.
 */
export async function checkRegion(
  tx: Executor,
  p: Principal,
  cityCode: string,
  code: string,
  opts: { minLevel: MinLevel; path?: string; label?: string } = { minLevel: 3 },
): Promise<{ code: string; name: string; level: number }> {
  const path = opts.path ?? 'regionCode';
  const label = opts.label ?? '所在区划';
  const fail = (m: string) => badRequest(m, [{ path, message: m }]);
  if (!isWithinRegion(code, cityCode)) throw fail(`${label}须在本市范围内`);
  const r = await repo.region(tx, code);
  if (!r) throw fail(`${label}不存在`);
  if (r.level < opts.minLevel) throw fail(`${label}请选择到${LEVEL_TEXT[opts.minLevel]}或更下级`);
  access(p, HANDLE, { regionCode: code });
  return r;
}

/** The owner columns of a row the caller creates, and its shard. */
export function ownedBy(p: Principal, regionCode: string) {
  return { countyCode: countyCodeOf(regionCode), regionCode, ownerId: p.userId, departmentId: p.departmentId };
}

/** The list filter of the caller's scope and query. */
export function listFilter(p: Principal, q: ProgramListQuery) {
  return {
    scopeRegion: p.dataScope === 'all' ? '' : p.regionCode,
    ...scopeFilter(p),
    regionCode: q.regionCode,
    q: q.q,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Every worker id must be a registry worker the caller can see: else 400 naming the first unknown one. */
export async function checkWorkers(
  tx: Executor,
  registry: RegistryPort,
  ids: string[],
  pathOf: (i: number) => string,
): Promise<void> {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) throw badRequest('同一务工人员不能重复添加', [{ path: pathOf(i), message: '重复的务工人员' }]);
    seen.add(id);
    if (!(await registry.workerRef(tx, id)))
      throw badRequest('务工人员不存在或不在您的管辖范围内', [{ path: pathOf(i), message: '务工人员不存在' }]);
  }
}

/** A row as the API answers it: without the scope columns (owner, department, shard). */
export function publicRow<T extends { ownerId?: unknown; departmentId?: unknown; countyCode?: unknown }>(
  row: T,
): Omit<T, 'ownerId' | 'departmentId' | 'countyCode'> {
  const { ownerId: _o, departmentId: _d, countyCode: _c, ...rest } = row;
  return rest;
}

import { expect } from 'vitest';
import { multipartBody } from './harness.js';
import {
  type Check,
  type Rec,
  type User,
  U,
  USERS,
  WUHUA,
  call,
  complaintBody,
  expectScoped,
  ok,
  perComplaint,
  t,
  visible,
} from './scope-matrix.fixture.js';

/** Grids and inspection activities, one per user in its own village, created at first use. */
const grids: Rec[] = [];
const activities: Rec[] = [];
const attachments = new Map<string, string>(); // complaint id -> an attachment uploaded by its owner

async function ensureGrids(): Promise<void> {
  if (grids.length) return;
  for (const u of USERS) {
    const g = await call(u, 'POST', '/api/grids', { name: `范围网格${u.label}`, regionCode: u.village });
    ok(g, 201);
    grids.push({ id: g.json().id, owner: u, region: u.village, label: `网格${u.label}` });
    const a = await call(u, 'POST', '/api/inspections', {
      kind: 'patrol',
      title: `范围巡查${u.label}`,
      gridId: g.json().id,
      startsOn: '2026-03-02',
    });
    ok(a, 201);
    activities.push({ id: a.json().id, owner: u, region: u.village, label: `巡查${u.label}` });
  }
}

const perGrid =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    await ensureGrids();
    for (const r of grids) await fn(u, r, visible(u, r));
  };

const PDF = Buffer.from('%PDF-1.4\n% 范围矩阵\n%%EOF\n');
const uploadAs = (u: User, caseId: string) => {
  const { payload, headers } = multipartBody({ docKind: 'other' }, { name: '材料.pdf', data: PDF });
  return t.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    headers: { ...headers, cookie: u.cookie! },
    payload,
  });
};

/** The scope matrix of grids, inspection activities, case attachments and the user picker. */
export const GRIDS_MATRIX: Record<string, Check> = {
  'GET /api/grids': async (u) => {
    await ensureGrids();
    const res = await call(u, 'GET', '/api/grids?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((g: { id: string }) => g.id));
    for (const r of grids) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  'GET /api/grids/:id': perGrid(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/grids/${r.id}`), inScope),
  ),
  'PUT /api/grids/:id': perGrid(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/grids/${r.id}`, { name: `范围网格${r.owner.label}`, regionCode: r.region }),
      inScope,
    ),
  ),
  // Each owner divides a spare grid; the user deletes it when in scope (204), else 404 and the owner removes it.
  'DELETE /api/grids/:id': async (u) => {
    for (const o of USERS) {
      const g = await call(o, 'POST', '/api/grids', { name: `待删网格${o.label}${u.label}`, regionCode: o.village });
      ok(g, 201);
      const r: Rec = { id: g.json().id, owner: o, region: o.village, label: `待删${o.label}` };
      const inScope = visible(u, r);
      expectScoped(await call(u, 'DELETE', `/api/grids/${r.id}`), inScope, 204);
      if (!inScope) ok(await call(o, 'DELETE', `/api/grids/${r.id}`), 204);
    }
  },
  // A grid may be divided in the caller's region only.
  'POST /api/grids': async (u) => {
    ok(await call(u, 'POST', '/api/grids', { name: `新网格${u.label}`, regionCode: u.village }), 201);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      ok(await call(u, 'POST', '/api/grids', { name: `越界网格${u.label}`, regionCode: outside }), 404);
    }
  },
  'POST /api/grids/:id/reports': perGrid(async (u, r, inScope) => {
    const { channel, ...body } = complaintBody(u, r.region);
    expect(channel).toBeTruthy();
    expectScoped(await call(u, 'POST', `/api/grids/${r.id}/reports`, body), inScope, 201);
  }),
  'GET /api/inspections': async (u) => {
    await ensureGrids();
    const res = await call(u, 'GET', '/api/inspections?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((a: { id: string }) => a.id));
    for (const r of activities) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  // On a grid in scope: 201; on another's grid out of scope: 404.
  'POST /api/inspections': perGrid(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', '/api/inspections', {
        kind: 'patrol',
        title: `巡查${u.label}`,
        gridId: r.id,
        startsOn: '2026-03-02',
      }),
      inScope,
      201,
    ),
  ),
  'PATCH /api/inspections/:id': async (u) => {
    await ensureGrids();
    for (const r of activities)
      expectScoped(await call(u, 'PATCH', `/api/inspections/${r.id}`, { findings: `检查${u.label}` }), visible(u, r));
  },
  'GET /api/cases/:id/attachments': perComplaint(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/cases/${r.id}/attachments`), inScope),
  ),
  'POST /api/cases/:id/attachments': perComplaint(async (u, r, inScope) =>
    expectScoped(await uploadAs(u, r.id), inScope, 201),
  ),
  'GET /api/cases/:id/attachments/:aid': perComplaint(async (u, r, inScope) => {
    if (!attachments.has(r.id)) {
      const up = await uploadAs(r.owner, r.id);
      ok(up, 201);
      attachments.set(r.id, up.json().id);
    }
    expectScoped(await call(u, 'GET', `/api/cases/${r.id}/attachments/${attachments.get(r.id)}`), inScope);
  }),
  // Users are region-scoped (no owner): the picker lists the caller's region only.
  'GET /api/users/assignable': async (u) => {
    const res = await call(u, 'GET', '/api/users/assignable?q=sm_&limit=50');
    ok(res, 200);
    const regions = res.json().map((x: { regionCode: string }) => x.regionCode);
    for (const other of USERS) {
      const seen = res.json().some((x: { displayName: string }) => x.displayName === other.name);
      expect(seen, `${u.name} picks ${other.name}`).toBe(u.scope === 'all' || other.region.startsWith(u.region));
    }
    if (u.scope !== 'all') expect(regions.every((c: string) => c.startsWith(u.region))).toBe(true);
  },
};

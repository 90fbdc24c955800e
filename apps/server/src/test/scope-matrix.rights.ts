import { expect } from 'vitest';
import {
  type Check,
  U,
  WUHUA,
  call,
  complaintBody,
  complaints,
  disputeBody,
  expectScoped,
  mediationOrgBody,
  mediationOrgs,
  ok,
  perComplaint,
  perMediationOrg,
  visible,
} from './scope-matrix.fixture.js';

/** The scope matrix of the case engine's routes and complaints (a case follows its region, owner and department). */
export const RIGHTS_MATRIX: Record<string, Check> = {
  'GET /api/cases': async (u) => {
    const res = await call(u, 'GET', '/api/cases?type=complaint&pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
    for (const r of complaints) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  'GET /api/cases/:id': perComplaint(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/cases/${r.id}`), inScope),
  ),
  'POST /api/cases/:id/comments': perComplaint(async (u, r, inScope) =>
    expectScoped(await call(u, 'POST', `/api/cases/${r.id}/comments`, { body: `意见${u.label}` }), inScope),
  ),
  // In scope the state decides (a new complaint cannot be closed: 409); out of scope it does not exist (404).
  'POST /api/cases/:id/transitions': perComplaint(async (u, r, inScope) =>
    expectScoped(await call(u, 'POST', `/api/cases/${r.id}/transitions`, { event: 'close', fields: {} }), inScope, 409),
  ),
  // A complaint may be registered in the caller's region only.
  'POST /api/complaints': async (u) => {
    ok(await call(u, 'POST', '/api/complaints', complaintBody(u, u.village)), 201);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      expect(outside.startsWith(u.region)).toBe(false);
      ok(await call(u, 'POST', '/api/complaints', complaintBody(u, outside)), 404);
    }
  },
  // 维权统计: the complaints counted are exactly those the caller may list; a region outside the scope is 404.
  'GET /api/rights/stats': async (u) => {
    const res = await call(u, 'GET', '/api/rights/stats');
    ok(res, 200);
    const list = await call(u, 'GET', '/api/cases?type=complaint&pageSize=1');
    const filed = res.json().byType.find((x: { type: string }) => x.type === 'complaint')?.filed ?? 0;
    expect(filed, `${u.name} counts the complaints it sees`).toBe(list.json().total);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.region : U.region.region;
      ok(await call(u, 'GET', `/api/rights/stats?regionCode=${outside}`), 404);
    }
  },
  'GET /api/rights/stats.xlsx': async (u) => {
    ok(await call(u, 'GET', '/api/rights/stats.xlsx'), 200);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.region : U.region.region;
      ok(await call(u, 'GET', `/api/rights/stats.xlsx?regionCode=${outside}`), 404);
    }
  },
  // 调解组织: listed, edited, deactivated and used for applications within scope only; registered in the caller's
  // region only.
  'GET /api/rights/mediation-orgs': async (u) => {
    const res = await call(u, 'GET', '/api/rights/mediation-orgs?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((o: { id: string }) => o.id));
    for (const r of mediationOrgs) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  'POST /api/rights/mediation-orgs': async (u) => {
    ok(await call(u, 'POST', '/api/rights/mediation-orgs', mediationOrgBody(u, u.village)), 201);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      ok(await call(u, 'POST', '/api/rights/mediation-orgs', mediationOrgBody(u, outside)), 404);
    }
  },
  'PUT /api/rights/mediation-orgs/:id': perMediationOrg(async (u, r, inScope) =>
    expectScoped(await call(u, 'PUT', `/api/rights/mediation-orgs/${r.id}`, { contact: `电话${u.label}` }), inScope),
  ),
  'POST /api/rights/mediation-orgs/:id/deactivate': perMediationOrg(async (u, r, inScope) => {
    expectScoped(await call(u, 'POST', `/api/rights/mediation-orgs/${r.id}/deactivate`), inScope);
    if (inScope) ok(await call(u, 'POST', `/api/rights/mediation-orgs/${r.id}/activate`), 200);
  }),
  'POST /api/rights/mediation-orgs/:id/activate': perMediationOrg(async (u, r, inScope) =>
    expectScoped(await call(u, 'POST', `/api/rights/mediation-orgs/${r.id}/activate`), inScope),
  ),
  // An application at an organisation out of scope: the organisation does not exist for the caller (400).
  'POST /api/rights/mediations': perMediationOrg(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', '/api/rights/mediations', { ...disputeBody(u), orgId: r.id }),
      inScope,
      201,
      [400],
    ),
  ),
  'POST /api/rights/arbitrations': async (u) => {
    ok(await call(u, 'POST', '/api/rights/arbitrations', { ...disputeBody(u), regionCode: u.village }), 201);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      ok(await call(u, 'POST', '/api/rights/arbitrations', { ...disputeBody(u), regionCode: outside }), 404);
    }
  },
};

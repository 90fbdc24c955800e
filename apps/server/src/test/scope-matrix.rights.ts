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
  perProvider,
  providerBody,
  providers,
  visible,
  workers,
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
  // 行政处罚: a decision follows its case's region, owner and department; a region outside the scope is 404.
  'GET /api/rights/penalties': async (u) => {
    const res = await call(u, 'GET', '/api/rights/penalties?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((x: { caseId: string }) => x.caseId));
    for (const r of complaints) expect(ids.has(r.id), `${u.name} sees the penalty of ${r.label}`).toBe(visible(u, r));
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.region : U.region.region;
      ok(await call(u, 'GET', `/api/rights/penalties?regionCode=${outside}`), 404);
    }
  },
  'GET /api/rights/penalties.xlsx': async (u) => {
    ok(await call(u, 'GET', '/api/rights/penalties.xlsx'), 200);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.region : U.region.region;
      ok(await call(u, 'GET', `/api/rights/penalties.xlsx?regionCode=${outside}`), 404);
    }
  },
  // 行政处罚决定书 / 事先告知书: printed for a decision in scope only; outside it the decision does not exist.
  'GET /api/rights/penalties/:id/document': perComplaint(async (u, r, inScope) => {
    const own = await call(r.owner, 'GET', `/api/rights/penalties?caseId=${r.id}`);
    ok(own, 200);
    const id = own.json().items[0].id as string;
    const res = await call(u, 'GET', `/api/rights/penalties/${id}/document`);
    expectScoped(res, inScope);
    if (!inScope) expect(res.json().detail).toBe('行政处罚决定不存在');
    expectScoped(await call(u, 'GET', `/api/rights/penalties/${id}/document?kind=notice`), inScope);
  }),
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
  // 法律援助: providers follow their region, owner and department like any record.
  'GET /api/rights/legal-aid-providers': async (u) => {
    const res = await call(u, 'GET', '/api/rights/legal-aid-providers?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
    for (const r of providers) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  'GET /api/rights/legal-aid-providers/:id': perProvider(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/rights/legal-aid-providers/${r.id}`), inScope),
  ),
  'PUT /api/rights/legal-aid-providers/:id': perProvider(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/rights/legal-aid-providers/${r.id}`, {
        kind: 'organisation',
        name: `${r.label}（改）`,
        regionCode: r.region,
      }),
      inScope,
    ),
  ),
  'POST /api/rights/legal-aid-providers': async (u) => {
    ok(await call(u, 'POST', '/api/rights/legal-aid-providers', providerBody(u, u.village)), 201);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      ok(await call(u, 'POST', '/api/rights/legal-aid-providers', providerBody(u, outside)), 404);
    }
  },
  // An application names a worker of the caller's (the registry's port reads it in the caller's scope).
  'POST /api/rights/legal-aid': async (u) => {
    const worker = workers.find((w) => w.owner === u)!;
    const body = {
      channel: 'hotline',
      regionCode: u.village,
      workerId: worker.id,
      employerName: `范围单位${u.label}`,
      matter: '追索劳动报酬',
    };
    ok(await call(u, 'POST', '/api/rights/legal-aid', body), 201);
    const other = workers.find((w) => !visible(u, w));
    if (other) ok(await call(u, 'POST', '/api/rights/legal-aid', { ...body, workerId: other.id }), 400);
    if (u.scope !== 'all') {
      const outside = u.region === WUHUA ? U.regionP.village : U.region.village;
      ok(await call(u, 'POST', '/api/rights/legal-aid', { ...body, regionCode: outside }), 404);
    }
  },
  // The package of a case the caller can read: a complaint in scope is no police transfer (its own 404 message);
  // a case out of scope does not exist. (rights.legalaid.test.ts prints a real one.)
  'GET /api/rights/police-transfers/:id/evidence': perComplaint(async (u, r, inScope) => {
    const res = await call(u, 'GET', `/api/rights/police-transfers/${r.id}/evidence`);
    ok(res, 404);
    expect(res.json().detail).toBe(inScope ? '移送公安案件不存在' : '案件不存在');
  }),
};

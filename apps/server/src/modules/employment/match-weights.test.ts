/**
 * 人岗匹配权重 through the API: the default set, a campaign's own set (city level only, audited), validation with
 * Chinese messages (negative, too large, not a number, unknown or missing feature, all zero) and the reset to the
 * default.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_WEIGHTS } from '@mwsp/domain';
import { all } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
const PASSWORD = 'Employ#Weights-2026xy';
const cookies: Record<string, string> = {};
const call = (who: string, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: cookies[who], body });
let campaignId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [username, region, roles] of [
    ['w_city', '5301', ['officer']],
    ['w_wuhua', '530102', ['officer']],
    ['w_leader', '5301', ['leader']],
  ] as const) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: `就业${username}`,
      roles: [...roles],
      regionCode: region,
      password: PASSWORD,
    });
    cookies[username] = (await signIn(t, username, { password: PASSWORD })).cookie;
  }
  const c = await call('w_city', 'POST', '/api/campaigns', {
    kind: 'spring_breeze',
    name: '2026 年春风行动',
    startDate: '2026-02-01',
    endDate: '2026-03-31',
    regionCode: '5301',
    regions: ['530102'],
    organiser: '昆明市人力资源和社会保障局',
  });
  expect(c.statusCode, c.body).toBe(201);
  campaignId = c.json().id;
}, 120_000);
afterAll(async () => t?.close());

const W = { ...DEFAULT_MATCH_WEIGHTS, distance: 6, wage: 3 };

describe('人岗匹配权重', () => {
  it('answers the default weights with their Chinese labels', async () => {
    const res = await call('w_wuhua', 'GET', '/api/match-weights/default');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ campaignId: null, weights: DEFAULT_MATCH_WEIGHTS, custom: false });
    expect(res.json().labels.distance).toBe('距离');
    // A county officer reads the city's campaign and its weights (read-only: changing them is 403, below).
    const county = await call('w_wuhua', 'GET', `/api/campaigns/${campaignId}/match-weights`);
    expect(county.statusCode, county.body).toBe(200);
    expect(county.json()).toMatchObject({ campaignId, weights: DEFAULT_MATCH_WEIGHTS, custom: false });
    expect((await call('w_wuhua', 'GET', `/api/campaigns/${campaignId}`)).statusCode).toBe(200);
    const own = await call('w_leader', 'GET', `/api/campaigns/${campaignId}/match-weights`);
    expect(own.json()).toMatchObject({ campaignId, weights: DEFAULT_MATCH_WEIGHTS, custom: false });
  });

  it.each([
    ['negative', { ...W, wage: -1 }, '“工资”的权重不能为负数'],
    ['too large', { ...W, occupation: 21 }, '“工种相似度”的权重不能超过 20'],
    ['not a number', { ...W, skills: '3' }, '“技能与证书”的权重须为数字'],
    ['all zero', Object.fromEntries(Object.keys(W).map((k) => [k, 0])), '权重不能全部为 0'],
    ['unknown feature', { ...W, luck: 1 }, ''],
    ['missing feature', { occupation: 1 }, '“距离”的权重须为数字'],
  ])('refuses %s weights with a 400', async (_n, weights, text) => {
    const res = await call('w_city', 'PUT', `/api/campaigns/${campaignId}/match-weights`, { weights });
    expect(res.statusCode, res.body).toBe(400);
    if (text) expect(res.body).toContain(text);
  });

  it('lets only the city level change them, audited; a campaign may go back to the default', async () => {
    const county = await call('w_wuhua', 'PUT', `/api/campaigns/${campaignId}/match-weights`, { weights: W });
    expect(county.statusCode).toBe(403);
    expect(county.json().detail).toContain('市级');
    const leader = await call('w_leader', 'PUT', `/api/campaigns/${campaignId}/match-weights`, { weights: W });
    expect(leader.statusCode).toBe(403);
    const missing = await call('w_city', 'PUT', `/api/campaigns/7d3c2b1a-0000-4000-8000-000000000001/match-weights`, {
      weights: W,
    });
    expect(missing.statusCode).toBe(404);

    const res = await call('w_city', 'PUT', `/api/campaigns/${campaignId}/match-weights`, { weights: W });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ weights: W, custom: true, defaults: DEFAULT_MATCH_WEIGHTS });
    expect((await call('w_leader', 'GET', `/api/campaigns/${campaignId}/match-weights`)).json().weights).toEqual(W);

    const def = await call('w_city', 'PUT', '/api/match-weights/default', {
      weights: { ...DEFAULT_MATCH_WEIGHTS, freshness: 1 },
    });
    expect(def.statusCode, def.body).toBe(200);
    expect((await call('w_wuhua', 'PUT', '/api/match-weights/default', { weights: W })).statusCode).toBe(403);

    const reset = await call('w_city', 'DELETE', `/api/campaigns/${campaignId}/match-weights`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ custom: false, weights: { ...DEFAULT_MATCH_WEIGHTS, freshness: 1 } });

    const audits = await all<{ action: string; object_id: string }>(
      t.db.owner,
      sql`select action, object_id from audit_log where action like 'match_weights.%' order by seq`,
    );
    expect(audits).toEqual([
      { action: 'match_weights.updated', object_id: campaignId },
      { action: 'match_weights.updated', object_id: 'default' },
      { action: 'match_weights.reset', object_id: campaignId },
    ]);
  });
});

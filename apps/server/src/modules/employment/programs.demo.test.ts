/** The demo programmes load through the services' own use cases on a small demo city, and the console's lists fill. */
import { regionCentre } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { all } from '../../db/client.js';
import { loadDemoCity, loadDemoPrograms } from '../../demo.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
}, 120_000);
afterAll(async () => t?.close());

describe('demo programmes', () => {
  it('fills every programme register of the demo city', async () => {
    await loadDemoCity(t.db, t.services, { cityCode: '5301', workers: 400, seed: 11 });
    // The demo city's township centres (乡镇驻地, synthetic) for the kilometres of the match explanation.
    const centres = await all<{ code: string; lat: number; lon: number; source: string }>(
      t.db.owner,
      sql`select c.code, c.lat, c.lon, c.source from region_centres c join regions r on r.code = c.code
        where r.level = 4 and r.code like '5301%' order by c.code`,
    );
    const towns = await all(t.db.owner, sql`select 1 from regions where level = 4 and code like '5301%'`);
    expect(centres.length).toBe(towns.length);
    expect(centres.length).toBeGreaterThan(0);
    const first = centres[0]!;
    expect({ lat: Number(first.lat), lon: Number(first.lon), source: first.source }).toEqual({
      ...regionCentre(first.code),
      source: 'synthetic',
    });
    const { records } = await loadDemoPrograms(t.db, t.services, { cityCode: '5301', today: '2026-03-02', seed: 3 });
    expect(records).toBeGreaterThan(100);
    await provisionUser(t.db, t.services, {
      username: 'prog_demo_leader',
      displayName: '演示领导',
      roles: ['leader'],
      regionCode: '5301',
      password: 'Programs#Demo-2026xy',
    });
    const { cookie } = await signIn(t, 'prog_demo_leader', { password: 'Programs#Demo-2026xy' });
    for (const url of [
      '/api/campaigns',
      '/api/surveys/demand',
      '/api/surveys/outbound',
      '/api/cooperation/agreements',
      '/api/cooperation/stations',
      '/api/cooperation/groups',
      '/api/cooperation/brands',
      '/api/cooperation/model-sites',
      '/api/startup/loans',
      '/api/startup/incubators',
      '/api/consulting',
    ]) {
      const res = await api(t, 'GET', url, { cookie });
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.json().total, url).toBeGreaterThan(0);
    }
    // 春风行动 carries its own match weights in the demo.
    const spring = (await api(t, 'GET', '/api/campaigns?pageSize=50', { cookie }))
      .json()
      .items.find((c: { kind: string }) => c.kind === 'spring_breeze');
    const weights = await api(t, 'GET', `/api/campaigns/${spring.id}/match-weights`, { cookie });
    expect(weights.json()).toMatchObject({ custom: true, weights: { distance: 4, preference: 2 } });
    const results = await api(t, 'GET', '/api/campaigns/results', { cookie });
    expect(results.json().rows.length).toBeGreaterThan(0);
    // A leader reads, and cannot register.
    const denied = await api(t, 'POST', '/api/consulting', { cookie, body: {} });
    expect(denied.statusCode).toBe(403);
  });
});

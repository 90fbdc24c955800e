/**
 * Worker list totals (issue #8, defect 10): exact beyond 10,000 (the old count stopped at 10,001 and
 * the console showed "共 10000 人" for any larger city), kept exact by worker_counts through inserts,
 * updates and merges, and an honest "more than" only where a broad search's count is capped.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let leader: { cookie: string };
let county: { cookie: string };
const N = 10_050;
const PASSWORD = 'Totals#Kunming-2026x';

beforeAll(async () => {
  t = await startTestPlatform();
  const villages = (
    await all<{ code: string }>(
      t.db.owner,
      sql`select code from regions where level = 5 and (code like '530102%' or code like '530103%') order by code`,
    )
  ).map((r) => r.code);
  // A city larger than the old cap, straight into the table (the triggers keep worker_counts).
  await t.db.owner
    .execute(sql`insert into workers (name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education,
      hukou_region_code, residence_region_code, migrant_type, cross_province, created_at)
    select '测试' || g, 'bidx-' || g, 'x', '530102********0000', 'male', date '1990-01-01', '01', '30', '530102',
      (${`{${villages.join(',')}}`}::text[])[1 + g % ${villages.length}],
      case when g % 3 = 0 then 'out' else 'local' end, g % 7 = 0, now() - make_interval(secs => g)
    from generate_series(1, ${N}) g`);
  await provisionUser(t.db, t.services, {
    username: 'tot_leader',
    displayName: '市级领导',
    roles: ['leader'],
    regionCode: '5301',
    password: PASSWORD,
    dataScope: 'all',
  });
  await provisionUser(t.db, t.services, {
    username: 'tot_county',
    displayName: '五华区经办员',
    roles: ['officer', 'pii_reviewer'],
    regionCode: '530102',
    password: PASSWORD,
    dataScope: 'region',
  });
  leader = await signIn(t, 'tot_leader', { password: PASSWORD });
  county = await signIn(t, 'tot_county', { password: PASSWORD });
}, 120_000);
afterAll(async () => t?.close());

const count = async (where: ReturnType<typeof sql>) =>
  (await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from workers where ${where}`))!.n;

describe('worker list totals', () => {
  it('are exact past 10,000, for every sort, filter and scope', async () => {
    for (const sort of ['-createdAt', 'createdAt', 'name', '-name']) {
      const r = (await api(t, 'GET', `/api/workers?sort=${sort}&page=3`, { cookie: leader.cookie })).json();
      expect(r).toMatchObject({ total: N, totalCapped: false });
      expect(r.items).toHaveLength(20);
    }
    const out = (await api(t, 'GET', '/api/workers?migrantType=out', { cookie: leader.cookie })).json();
    expect(out.total).toBe(await count(sql`migrant_type = 'out'`));
    const cross = (
      await api(t, 'GET', '/api/workers?crossProvince=true&regionCode=530103', { cookie: leader.cookie })
    ).json();
    expect(cross.total).toBe(await count(sql`cross_province and residence_region_code like '530103%'`));
    const mine = (await api(t, 'GET', '/api/workers', { cookie: county.cookie })).json();
    expect(mine.total).toBe(await count(sql`residence_region_code like '530102%'`));
    expect(mine.items.every((w: { residenceRegionCode: string }) => w.residenceRegionCode.startsWith('530102'))).toBe(
      true,
    );
  });

  it('pages in a stable order: consecutive pages neither repeat nor skip', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++) {
      const r = (
        await api(t, 'GET', `/api/workers?sort=name&page=${page}&pageSize=50`, { cookie: leader.cookie })
      ).json();
      for (const w of r.items) seen.add(w.id);
    }
    expect(seen.size).toBe(250);
  });

  it('say "more than" where a broad search stops counting, never a silent cap', async () => {
    const r = (await api(t, 'GET', '/api/workers?q=测试', { cookie: leader.cookie })).json();
    expect(r.totalCapped).toBe(true);
    expect(r.total).toBe(10_000);
  });

  it('stay exact through updates and merges (worker_counts agrees with the table)', async () => {
    const reviewer = county;
    const [a, b] = (await api(t, 'GET', '/api/workers?pageSize=2', { cookie: reviewer.cookie })).json().items;
    const merged = await api(t, 'POST', `/api/workers/${a.id}/merge`, {
      cookie: reviewer.cookie,
      body: { duplicateId: b.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    await t.db.owner.execute(sql`update workers set migrant_type = 'out' where name = '测试5'`);
    // EXCEPT compares NULL owners/departments as equal; both directions.
    const actual = sql`select residence_region_code, status, migrant_type, cross_province, created_by, department_id,
      count(*)::int8 as n from workers group by 1, 2, 3, 4, 5, 6`;
    const kept = sql`select residence_region_code, status, migrant_type, cross_province, created_by, department_id, n
      from worker_counts where n <> 0`;
    const drift = await all(t.db.owner, sql`(${actual} except ${kept}) union all (${kept} except ${actual})`);
    expect(drift).toEqual([]);
    const r = (await api(t, 'GET', '/api/workers', { cookie: leader.cookie })).json();
    expect(r.total).toBe(N - 1);
  });
});

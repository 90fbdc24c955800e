/**
 * The defaulter list paged in SQL on the employer's name and credit code kept on each listing (migration 0015),
 * kept current by the registry's employer.updated event; and the employer's wage history without the registry's
 * table in the database.
 */
import { creditCodeCheckChar, integrityGrade } from '@mwsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, openDatabase, SYSTEM_SCOPE } from '../../db/client.js';
import { listMigrations, migrate } from '../../db/migrate.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testDatabaseUrl } from '../../../../../tools/test/db.js';

let t: TestPlatform;
let officer: { cookie: string }; // an officer of 五华区 (530102): registry and wages casework
const employers: { id: string; name: string; creditCode: string }[] = [];

// Names that sort differently by code point and by a linguistic collation, with equal listing days between them.
const NAMES = [
  '云南甲建筑工程有限公司',
  'Alpha建设集团有限公司',
  '昆明乙劳务有限公司',
  'beta工程有限公司',
  '云南丙建设有限公司',
  '昆明丁建设工程有限公司',
  '_下划线建设有限公司',
  '云南戊劳务分包有限公司',
  'Gamma 建设有限公司',
  '昆明己建设有限公司',
  '云南庚工程有限公司',
];
const DAYS = ['2026-03-01', '2026-02-15', '2026-03-01', '2026-02-01', '2026-02-15', '2026-03-01'];

function creditCode(i: number): string {
  const first17 = '91530102MA' + String(1000 + i).padStart(7, '0');
  return first17 + creditCodeCheckChar(first17);
}

interface Listing {
  id: string;
  employerId: string;
  listedOn: string;
  status: string;
}

/** The order the service gave before 0015: newest listing first, equal days in the registry's name order. */
async function formerOrder(f: { listedOnly: boolean; q?: string }): Promise<string[]> {
  const listings = await all<Listing>(
    t.db.owner,
    sql`select id, employer_id as "employerId", listed_on::text as "listedOn", status from defaulters
      order by listed_on desc`,
  );
  const matching = f.q
    ? new Set(
        (
          await all<{ id: string }>(
            t.db.owner,
            sql`select id from employers where name like ${'%' + f.q.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%'}
                or credit_code = ${f.q.toUpperCase()}`,
          )
        ).map((r) => r.id),
      )
    : null;
  const rows = listings.filter(
    (d) => (!f.listedOnly || d.status === 'listed') && (!matching || matching.has(d.employerId)),
  );
  const named = await all<{ id: string }>(
    t.db.owner,
    sql`select id from employers where id = any(${`{${[...new Set(rows.map((r) => r.employerId))].join(',')}}`}::uuid[])
      order by name, id`,
  );
  const rank = new Map(named.map((e, i) => [e.id, i]));
  rows.sort((a, b) =>
    a.listedOn !== b.listedOn ? (a.listedOn < b.listedOn ? 1 : -1) : rank.get(a.employerId)! - rank.get(b.employerId)!,
  );
  return rows.map((r) => r.id);
}

/** Every page of a list, in order, and the totals each page reported. */
async function allPages(url: string, cookie?: string) {
  const items: Record<string, string>[] = [];
  const totals = new Set<number>();
  for (let page = 1; page <= 10; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = cookie
      ? await api(t, 'GET', `${url}${sep}page=${page}&pageSize=4`, { cookie })
      : await t.app.inject({ method: 'GET', url: `${url}${sep}page=${page}&pageSize=4` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    totals.add(body.total);
    if (body.items.length === 0) break;
    items.push(...body.items);
  }
  return { items, totals: [...totals] };
}

beforeAll(async () => {
  t = await startTestPlatform();
  await provisionUser(t.db, t.services, {
    username: 'insp_defaulters',
    displayName: '五华区劳动监察员',
    roles: ['officer'],
    regionCode: '530102',
    password: 'Inspect#Wuhua-2026x',
  });
  officer = await signIn(t, 'insp_defaulters', { password: 'Inspect#Wuhua-2026x' });
  for (const [i, name] of NAMES.entries()) {
    const r = await api(t, 'POST', '/api/employers', {
      cookie: officer.cookie,
      body: { creditCode: creditCode(i), name, industry: 'E', size: 'small', regionCode: '530102' },
    });
    expect(r.statusCode, r.body).toBe(201);
    employers.push({ id: r.json().id, name, creditCode: creditCode(i) });
  }
  // Every employer but the last is listed; the first on a day long past, so that it expires.
  for (const [i, e] of employers.slice(0, -1).entries()) {
    const r = await api(t, 'POST', '/api/defaulters', {
      cookie: officer.cookie,
      body: {
        employerId: e.id,
        basis: '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条第二项',
        reason: '拖欠农民工工资引发群体性事件',
        decisionNo: `五人社失〔2026〕${i + 10}号`,
        listedOn: i === 0 ? '2023-01-02' : DAYS[i % DAYS.length],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  expect(await t.services.arrears.expireListings()).toBe(1);
}, 240_000);
afterAll(async () => t?.close());

describe('the defaulter list, paged in SQL', () => {
  it('gives the console and the public the same order as before, across pages', async () => {
    const console = await allPages('/api/defaulters', officer.cookie);
    expect(console.items.map((i) => i.id)).toEqual(await formerOrder({ listedOnly: false }));
    expect(console.totals).toEqual([NAMES.length - 1]);
    for (const item of console.items) {
      const e = employers.find((x) => x.id === item.employerId)!;
      expect([item.employerName, item.creditCode]).toEqual([e.name, e.creditCode]);
    }
    const expired = await allPages('/api/defaulters?status=expired', officer.cookie);
    expect(expired.items.map((i) => i.employerId)).toEqual([employers[0].id]);

    const byId = new Map(employers.map((e) => [e.creditCode, e.id]));
    const pub = await allPages('/api/public/defaulters');
    const publicOrder = await formerOrder({ listedOnly: true });
    expect(pub.totals).toEqual([publicOrder.length]);
    const listingOf = new Map(
      (
        await all<{ id: string; employerId: string }>(
          t.db.owner,
          sql`select id, employer_id as "employerId" from defaulters`,
        )
      ).map((d) => [d.id, d.employerId]),
    );
    expect(pub.items.map((i) => byId.get(i.creditCode))).toEqual(publicOrder.map((id) => listingOf.get(id)));
  });

  it('searches the name and the credit code as before', async () => {
    for (const q of ['建设', '昆明', '_', 'beta', creditCode(3).toLowerCase(), '没有这个单位']) {
      const found = await allPages(`/api/defaulters?q=${encodeURIComponent(q)}`, officer.cookie);
      expect(
        found.items.map((i) => i.id),
        q,
      ).toEqual(await formerOrder({ listedOnly: false, q }));
      expect(found.totals, q).toEqual([found.items.length]);
    }
    expect((await allPages(`/api/defaulters?q=${creditCode(3).toLowerCase()}`, officer.cookie)).items).toHaveLength(1);
  });

  it('shows a renamed employer under its new name, on the console and the public list', async () => {
    const e = employers[2];
    const renamed = await api(t, 'PATCH', `/api/employers/${e.id}`, {
      cookie: officer.cookie,
      body: { name: '昆明乙劳务（集团）有限公司' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    e.name = '昆明乙劳务（集团）有限公司';
    const list = await allPages('/api/defaulters', officer.cookie);
    expect(list.items.find((i) => i.employerId === e.id)!.employerName).toBe(e.name);
    expect(list.items.map((i) => i.id)).toEqual(await formerOrder({ listedOnly: false }));
    const byNewName = await allPages(`/api/defaulters?q=${encodeURIComponent('（集团）')}`, officer.cookie);
    expect(byNewName.items.map((i) => i.employerId)).toEqual([e.id]);
    const byOldName = await allPages(`/api/defaulters?q=${encodeURIComponent('昆明乙劳务有限')}`, officer.cookie);
    expect(byOldName.items).toEqual([]);
    const pub = await allPages(`/api/public/defaulters?q=${encodeURIComponent('（集团）')}`);
    expect(pub.items.map((i) => [i.employerName, i.creditCode])).toEqual([[e.name, e.creditCode]]);
  });

  const KEEPS_THE_NAME_CURRENT =
    'keeps the name current on listings the renaming officer cannot see, and leaves it on a refused update';
  it(KEEPS_THE_NAME_CURRENT, async () => {
    // A listing of another county (as a case in 盘龙区 would make it): the officer of 五华区 renames the employer.
    const e = employers[4];
    await t.db.owner.execute(sql`update defaulters set region_code = '530103' where employer_id = ${e.id}`);
    const ok = await api(t, 'PATCH', `/api/employers/${e.id}`, {
      cookie: officer.cookie,
      body: { name: '云南丙建设（控股）有限公司' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await one<{ name: string; code: string }>(
      t.db.owner,
      sql`select employer_name as name, employer_credit_code as code from defaulters where employer_id = ${e.id}`,
    );
    expect(row).toEqual({ name: '云南丙建设（控股）有限公司', code: e.creditCode });
    // A refused update (a credit code of another employer) changes neither the register nor the listing.
    const refused = await api(t, 'PATCH', `/api/employers/${e.id}`, {
      cookie: officer.cookie,
      body: { name: '又一个名字有限公司', creditCode: employers[5].creditCode },
    });
    expect(refused.statusCode).toBe(409);
    expect(
      (await one<{ name: string }>(
        t.db.owner,
        sql`select employer_name as name from defaulters where employer_id = ${e.id}`,
      ))!.name,
    ).toBe('云南丙建设（控股）有限公司');
  });

  it('has an index that gives the default order without sorting (console and public list)', async () => {
    for (const [where, index] of [
      [sql`true`, 'defaulters_order'],
      [sql`status = 'listed'`, 'defaulters_public_order'],
    ] as const) {
      const plan = await t.db.scoped(SYSTEM_SCOPE, async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return all<{ 'QUERY PLAN': string }>(
          tx,
          sql`explain select id from defaulters d where ${where}
              order by d.listed_on desc, d.employer_name, d.employer_id, d.id limit 20 offset 40`,
        );
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      // On Citus the coordinator merges the shards' ordered answers (a Sort of the remote scan): each shard's plan,
      // below "Task", reads the index in order (shard indexes carry the shard's number after the name).
      const shard = text.includes('Custom Scan (Citus') ? text.slice(text.indexOf('->  Task')) : text;
      expect(shard, text).toContain(index);
      expect(shard, text).not.toMatch(/\bSort\b/);
    }
  });
});

describe("the employer's wage history", () => {
  it('answers as before: registration day from the registry, the rest from the wages tables', async () => {
    const listed = employers[1];
    const unlisted = employers.at(-1)!;
    const history = await all<{ arrearsDates: string[]; listed: boolean; liveProjects: number }>(
      t.db.owner,
      sql`select coalesce(arrears_dates::text[], '{}') as "arrearsDates", listed, live_projects as "liveProjects"
          from mwsp_employer_wage_history(${listed.id}::uuid)`,
    );
    expect(history).toEqual([{ arrearsDates: [], listed: true, liveProjects: 0 }]);
    for (const [e, isListed] of [
      [listed, true],
      [unlisted, false],
    ] as const) {
      const since = (await one<{ d: string }>(
        t.db.owner,
        sql`select created_at::date::text as d from employers where id = ${e.id}`,
      ))!.d;
      const grade = integrityGrade({ today: '2026-03-02', arrearsDates: [], listed: isListed, since });
      const res = await api(t, 'GET', `/api/employers/${e.id}/integrity`, { cookie: officer.cookie });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ grade, listed: isListed, arrearsCases: 0, lastArrearsOn: null });
    }
    const unknown = await api(t, 'GET', '/api/employers/00000000-0000-4000-8000-000000000000/integrity', {
      cookie: officer.cookie,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('用人单位不存在');
  });
});

describe('migration 0015 on a database with listings made before it', () => {
  it("backfills each listing's employer name and credit code from the register, once", async () => {
    const db = await openDatabase({ url: await testDatabaseUrl(), poolSize: 2 });
    try {
      await db.execScript(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, ' +
          'applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of listMigrations().filter((m) => m.version < 15))
        await db.execScript(
          `${m.sql}\n;INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}');`,
        );
      const code = creditCode(99);
      await db.execScript(`
        INSERT INTO regions (code, name, level, full_name) VALUES ('530102', '五华区', 3, '云南省昆明市五华区');
        INSERT INTO employers (id, credit_code, credit_code_valid, name, industry, size, region_code)
          VALUES ('00000000-0000-4000-8000-000000000001', '${code}', true, '云南旧名建设有限公司', 'E', 'small', '530102');
        INSERT INTO defaulters (employer_id, basis, reason, decision_no, listed_on, expires_on, region_code)
          VALUES ('00000000-0000-4000-8000-000000000001', '第五条第二项', '拖欠工资', '五人社失〔2025〕1号',
            '2025-06-01', '2028-06-01', '530102');`);
      expect(await migrate(db)).toBeGreaterThanOrEqual(15);
      expect(
        await all(db.owner, sql`select employer_name as name, employer_credit_code as code, status from defaulters`),
      ).toEqual([{ name: '云南旧名建设有限公司', code, status: 'listed' }]);
      expect(
        await all(
          db.owner,
          sql`select listed, live_projects as "liveProjects"
            from mwsp_employer_wage_history('00000000-0000-4000-8000-000000000001')`,
        ),
      ).toEqual([{ listed: true, liveProjects: 0 }]);
    } finally {
      await db.close();
    }
  });
});

/**
 * The registry's tables in forms Citus accepts (migration 0019, issue #10): policies on the row's own columns
 * without any subquery, no transition-table triggers, PL/pgSQL look-ups; and the risks these forms bring:
 * children carry their worker's scope columns (set from the worker, never from the caller), follow the worker
 * when it moves, and a 本人/本部门 user cannot re-own a child row it cannot see nor write one owned by another.
 */
import { randomUUID } from 'node:crypto';
import { generateCity } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, pgErrorMessage, type DbScope } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

const TABLES = ['workers', 'worker_counts', 'employments', 'worker_insurance', 'insurance_transfers', 'employers'];
const LOOKUPS = ['mwsp_worker_registered', 'mwsp_workers_registered', 'mwsp_worker_for_project'];
const PASSWORD = 'Forms#Kunming-2026x';

interface User {
  id: string;
  cookie: string;
  deptId: string;
}

let t: TestPlatform;
let vA: string; // two villages of 五华区 in different townships
let vB: string;
let employerId: string;
const users: Record<'self' | 'dept1' | 'dept2', User> = {} as never;

async function register(u: User, name: string, seq: string, residence: string): Promise<string> {
  const r = await api(t, 'POST', '/api/workers', {
    cookie: u.cookie,
    body: {
      name,
      idNumber: idNumber('530102', '1988-03-04', seq),
      ethnicity: '01',
      education: '30',
      hukouRegionCode: '530102',
      residenceRegionCode: residence,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

const scopeOf = (u: User, dataScope: 'self' | 'department'): DbScope => ({
  region: '530102',
  dataScope,
  userId: u.id,
  departmentId: u.deptId,
});

/** A write refused by a policy's WITH CHECK. */
const rlsRefused = (e: unknown) => /row-level security/.test(pgErrorMessage(e));

/** The scope columns of a worker's children, per table (as the owner sees them). */
async function childScopes(workerId: string) {
  const rows = await all<{ t: string; region: string; owner: string | null; dept: string | null }>(
    t.db.owner,
    sql`select 'employments' as t, worker_region_code as region, owner_id as owner, owner_department_id as dept
      from employments where worker_id = ${workerId}::uuid
    union all select 'worker_insurance', worker_region_code, owner_id, owner_department_id
      from worker_insurance where worker_id = ${workerId}::uuid
    union all select 'insurance_transfers', worker_region_code, owner_id, owner_department_id
      from insurance_transfers where worker_id = ${workerId}::uuid order by 1`,
  );
  return rows;
}

beforeAll(async () => {
  t = await startTestPlatform();
  const villages = await all<{ code: string }>(
    t.db.owner,
    sql`select min(code) as code from regions where level = 5 and code like '530102%'
      group by parent_code order by 1 limit 2`,
  );
  [vA, vB] = villages.map((v) => v.code);
  const hrss = (await one<{ id: string }>(t.db.owner, sql`select id from departments where code = 'hrss'`))!.id;
  for (const [k, scope] of [
    ['self', 'self'],
    ['dept1', 'department'],
    ['dept2', 'department'],
  ] as const) {
    const id = (
      await provisionUser(t.db, t.services, {
        username: `forms_${k}`,
        displayName: `表单${k}`,
        roles: ['officer'],
        departmentCode: 'hrss',
        regionCode: '530102',
        password: PASSWORD,
        dataScope: scope,
      })
    ).id;
    users[k] = { id, deptId: hrss, cookie: (await signIn(t, `forms_${k}`, { password: PASSWORD })).cookie };
  }
  employerId = (await one<{ id: string }>(
    t.db.owner,
    sql`insert into employers (credit_code, credit_code_valid, name, industry, size, region_code)
      values ('91530102FORMS0001X', false, '表单测试建筑有限公司', 'E', 'small', '530102') returning id`,
  ))!.id;
}, 120_000);
afterAll(async () => t?.close());

describe('registry tables in Citus-acceptable forms (catalogue)', () => {
  it('policies test the row’s own columns: no subquery, no EXISTS', async () => {
    const policies = await all<{ table: string; name: string; qual: string | null; check: string | null }>(
      t.db.owner,
      sql`select tablename as table, policyname as name, qual, with_check as check from pg_policies
        where schemaname = 'public' and tablename = any(${`{${TABLES.join(',')}}`}::text[])`,
    );
    expect(new Set(policies.map((p) => p.table))).toEqual(new Set(TABLES));
    const sublinks = policies.filter((p) => /\b(select|exists)\b/i.test(`${p.qual ?? ''} ${p.check ?? ''}`));
    expect(sublinks).toEqual([]);
  });

  it('no trigger with transition tables on the registry’s tables', async () => {
    const triggers = await all<{ name: string }>(
      t.db.owner,
      sql`select tgname as name from pg_trigger where not tgisinternal
        and tgrelid::regclass::text = any(${`{${TABLES.join(',')}}`}::text[])
        and (tgoldtable is not null or tgnewtable is not null)`,
    );
    expect(triggers).toEqual([]);
  });

  it('the SECURITY DEFINER look-ups are PL/pgSQL, executable by the application role only', async () => {
    const fns = await all<{ name: string; lang: string; definer: boolean; app: boolean; acl: string }>(
      t.db.owner,
      sql`select p.proname as name, l.lanname as lang, p.prosecdef as definer,
          has_function_privilege('mwsp_app', p.oid, 'execute') as app, p.proacl::text as acl
        from pg_proc p join pg_language l on l.oid = p.prolang
        where p.proname = any(${`{${LOOKUPS.join(',')}}`}::text[]) order by 1`,
    );
    expect(fns.map((f) => f.name)).toEqual([...LOOKUPS].sort());
    for (const f of fns) {
      expect(f, f.name).toMatchObject({ lang: 'plpgsql', definer: true, app: true });
      expect(f.acl, f.name).not.toMatch(/[{,]=X/); // no EXECUTE for PUBLIC
    }
  });
});

describe('children carry their worker’s scope', () => {
  let workerId: string;

  it('set from the worker, not from the caller: a colleague’s rows keep the registering owner', async () => {
    workerId = await register(users.dept1, '表单甲', '101', vA);
    // dept2 (same department, another officer) adds the employment, insurance and a transfer.
    const emp = await api(t, 'POST', '/api/employments', {
      cookie: users.dept2.cookie,
      body: { workerId, employerId, startDate: '2025-03-01', position: '钢筋工' },
    });
    expect(emp.statusCode, emp.body).toBe(201);
    const ins = await api(t, 'PUT', `/api/workers/${workerId}/insurance`, {
      cookie: users.dept2.cookie,
      body: { items: [{ type: 'injury', enrolled: true, since: '2025-03-01', placeRegionCode: '530102' }] },
    });
    expect(ins.statusCode, ins.body).toBe(200);
    const tr = await api(t, 'POST', `/api/workers/${workerId}/insurance/transfers`, {
      cookie: users.dept2.cookie,
      body: { type: 'pension', fromRegionCode: '510104', toRegionCode: '530102', date: '2025-02-01' },
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const scopes = await childScopes(workerId);
    expect(scopes.map((s) => s.t).sort()).toEqual(['employments', 'insurance_transfers', 'worker_insurance']);
    for (const s of scopes)
      expect(s, s.t).toMatchObject({ region: vA, owner: users.dept1.id, dept: users.dept1.deptId });
  });

  it('a moved worker moves its children’s scope in the same transaction', async () => {
    const { version } = (await api(t, 'GET', `/api/workers/${workerId}`, { cookie: users.dept2.cookie })).json();
    const r = await api(t, 'PATCH', `/api/workers/${workerId}`, {
      cookie: users.dept2.cookie,
      body: { residenceRegionCode: vB, version },
    });
    expect(r.statusCode, r.body).toBe(200);
    const scopes = await childScopes(workerId);
    expect(scopes).toHaveLength(3);
    for (const s of scopes)
      expect(s, s.t).toMatchObject({ region: vB, owner: users.dept1.id, dept: users.dept1.deptId });
    // and the owner still sees them where the worker now lives
    const mine = (await api(t, 'GET', `/api/employments?workerId=${workerId}`, { cookie: users.dept1.cookie })).json();
    expect(mine.total).toBe(1);
  });

  it('a 本人 user cannot write to, nor re-own, the children of a worker it does not own', async () => {
    const self = users.self;
    // Through the API: the worker is not found for it, and nothing is written.
    const emp = await api(t, 'POST', '/api/employments', {
      cookie: self.cookie,
      body: { workerId, employerId, startDate: '2025-06-01' },
    });
    expect(emp.statusCode).toBe(400);
    const ins = await api(t, 'PUT', `/api/workers/${workerId}/insurance`, {
      cookie: self.cookie,
      body: { items: [] },
    });
    expect(ins.statusCode).toBe(404);
    // Underneath: the rows are invisible, so re-owning them to itself updates nothing.
    const taken = await t.db.scoped(scopeOf(self, 'self'), async (tx) => ({
      e: (
        await all(
          tx,
          sql`update employments set owner_id = ${self.id}::uuid where worker_id = ${workerId}::uuid
        returning id`,
        )
      ).length,
      i: (
        await all(
          tx,
          sql`update worker_insurance set owner_id = ${self.id}::uuid where worker_id = ${workerId}::uuid
        returning type`,
        )
      ).length,
      t: (
        await all(
          tx,
          sql`update insurance_transfers set owner_id = ${self.id}::uuid
        where worker_id = ${workerId}::uuid returning id`,
        )
      ).length,
    }));
    expect(taken).toEqual({ e: 0, i: 0, t: 0 });
    const scopes = await childScopes(workerId);
    expect(scopes.every((s) => s.owner === users.dept1.id)).toBe(true);
  });

  it('enrolment look-up (PL/pgSQL) finds the worker out of scope, masked, with its contract', async () => {
    const { bidx } = (await one<{ bidx: string }>(
      t.db.owner,
      sql`select id_bidx as bidx from workers where id = ${workerId}::uuid`,
    ))!;
    const lookup = (employers: string[]) =>
      t.db.scoped({ region: '530103' }, (tx) =>
        all<{ id: string; name: string; id_masked: string; contract_signed: boolean }>(
          tx,
          sql`select * from mwsp_worker_for_project(${bidx}, ${`{${employers.join(',')}}`}::uuid[])`,
        ),
      );
    expect(await lookup([employerId])).toEqual([
      { id: workerId, name: '表单甲', id_masked: expect.stringMatching(/^530102\*+/), contract_signed: false },
    ]);
    await t.db.owner.execute(sql`update employments set contract_type = 'open', contract_signed = true
      where worker_id = ${workerId}::uuid`);
    expect((await lookup([employerId]))[0].contract_signed).toBe(true);
    expect((await lookup([]))[0].contract_signed).toBe(false);
    await t.db.owner.execute(sql`update employments set contract_type = 'none', contract_signed = false
      where worker_id = ${workerId}::uuid`);
  });

  it('a 本人/本部门 user cannot write a child row owned by someone else (WITH CHECK)', async () => {
    const own = await register(users.self, '表单乙', '202', vA);
    const row = (owner: string, dept: string | null) =>
      sql`insert into insurance_transfers (county_code, worker_id, type, from_region_code, to_region_code,
        transfer_date, worker_region_code, owner_id, owner_department_id)
      values (left(${vA}, 6), ${own}::uuid, 'pension', '510104', '530102', date '2025-01-01', ${vA}, ${owner}::uuid,
        ${dept}::uuid)`;
    // 本人: a row owned by another user is refused, even for its own worker.
    await expect(
      t.db.scoped(scopeOf(users.self, 'self'), (tx) => tx.execute(row(users.dept1.id, users.dept1.deptId))),
    ).rejects.toSatisfy(rlsRefused);
    // 本部门: a row of another department is refused.
    const other = (await one<{ id: string }>(t.db.owner, sql`select id from departments where code <> 'hrss' limit 1`))!
      .id;
    await expect(
      t.db.scoped(scopeOf(users.dept1, 'department'), (tx) => tx.execute(row(users.dept1.id, other))),
    ).rejects.toSatisfy(rlsRefused);
    // Nor can a 本人 user hand its own employment to another owner (it would vanish from its scope).
    const emp = await api(t, 'POST', '/api/employments', {
      cookie: users.self.cookie,
      body: { workerId: own, employerId, startDate: '2025-04-01' },
    });
    expect(emp.statusCode, emp.body).toBe(201);
    await expect(
      t.db.scoped(scopeOf(users.self, 'self'), (tx) =>
        tx.execute(sql`update employments set owner_id = ${users.dept1.id}::uuid where worker_id = ${own}::uuid`),
      ),
    ).rejects.toSatisfy(rlsRefused);
  });
});

describe('worker_counts after the bulk load (COPY as the owner: PostgreSQL, and PGlite from /dev/blob)', () => {
  it('recounts the loaded groups: every group agrees with the table', async () => {
    const regions = await all<{ code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }>(
      t.db.owner,
      sql`select code, name, level, parent_code as "parentCode" from regions`,
    );
    const { workers } = await t.services.registrySeed.bulkCopy(
      generateCity({ cityCode: '5301', workers: 300, seed: 19, regions }),
      { nextId: randomUUID },
    );
    expect(workers).toHaveLength(300);
    const actual = sql`select residence_region_code, status, migrant_type, cross_province, created_by, department_id,
      count(*)::int8 as n from workers group by 1, 2, 3, 4, 5, 6`;
    const kept = sql`select residence_region_code, status, migrant_type, cross_province, created_by, department_id, n
      from worker_counts where n <> 0`;
    expect(await all(t.db.owner, sql`(${actual} except ${kept}) union all (${kept} except ${actual})`)).toEqual([]);
  });
});

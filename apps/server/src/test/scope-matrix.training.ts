import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { one } from '../db/client.js';
import {
  type Check,
  type Rec,
  type User,
  USERS,
  call,
  expectScoped,
  ok,
  t,
  upload,
  visible,
  workers,
} from './scope-matrix.fixture.js';

/**
 * The scope matrix of vocational training (modules/training): a class follows its region, owner and department,
 * and its enrolments, attendance, certificates and subsidy claims follow the class. Every user opens a class in
 * its own village, enrols its own worker, completes it with a certificate and files a subsidy claim; the records
 * are seeded on the first training check (the fixture's users hold officer, which grants training:read/handle).
 */
interface TrainingRec extends Rec {
  enrolmentId: string;
  claimId: string;
}
const classes: TrainingRec[] = [];
let seeded: Promise<void> | null = null;

const classBody = (u: User, institutionId: string, name: string) => ({
  name,
  institutionId,
  occupationCode: '6-18-02-04',
  trainingType: 'employment_skill',
  startDate: '2026-02-01',
  endDate: '2026-02-10',
  sessions: 1,
  capacity: 10,
  regionCode: u.village,
});

async function seed(): Promise<void> {
  const inst = await one<{ id: string }>(
    t.db.owner,
    sql`insert into training_institutions (county_code, name, kind, status, valid_from, valid_until, occupations,
        region_code)
      values ('530102', '范围矩阵培训学校', 'designated', 'approved', '2020-01-01', '2030-12-31', '{6-18}', '530102')
      returning id`,
  );
  await t.db.owner.execute(
    sql`insert into training_subsidy_rules (name, amount_fen, require_certificate, min_attendance_pct, valid_from)
      values ('范围矩阵补贴标准', 100000, true, 0, '2020-01-01')`,
  );
  for (const [i, u] of USERS.entries()) {
    const c = await call(u, 'POST', '/api/training/classes', classBody(u, inst!.id, `范围培训班${u.label}`));
    ok(c, 201);
    const id = c.json().id as string;
    const e = await call(u, 'POST', `/api/training/classes/${id}/enrolments`, { workerId: workers[i].id });
    ok(e, 201);
    const enrolmentId = e.json().id as string;
    ok(await call(u, 'PUT', `/api/training/classes/${id}/attendance`, { session: 1, present: [enrolmentId] }), 200);
    const base = `/api/training/classes/${id}/enrolments/${enrolmentId}`;
    ok(await call(u, 'PATCH', base, { status: 'completed', examResult: 'pass' }), 200);
    ok(
      await call(u, 'POST', `${base}/certificates`, {
        kind: 'training',
        number: `FW-${u.label}`,
        issuedOn: '2026-02-12',
      }),
      201,
    );
    const claim = await call(u, 'POST', '/api/training/subsidies', {
      enrolmentId,
      payeeName: `范围${u.label}`,
      account: '6222021234567890128',
      bankName: '中国工商银行',
    });
    ok(claim, 201);
    classes.push({ id, owner: u, region: u.village, label: `培训班${u.label}`, enrolmentId, claimId: claim.json().id });
  }
  for (const region of ['530102', '530103', '5301'])
    await t.db.owner.execute(
      sql`insert into training_targets (county_code, year, person_times, region_code)
        values (${region.length === 6 ? region : '5301'}, 2026, 1000, ${region})`,
    );
}

const seedOnce = () => (seeded ??= seed());

const withSeed =
  (check: Check): Check =>
  async (u) => {
    await seedOnce();
    await check(u);
  };
const perClass = (fn: (u: User, r: TrainingRec, inScope: boolean) => Promise<void>): Check =>
  withSeed(async (u) => {
    for (const r of [...classes]) await fn(u, r, visible(u, r));
  });
const enrolmentUrl = (r: TrainingRec) => `/api/training/classes/${r.id}/enrolments/${r.enrolmentId}`;

export const TRAINING_MATRIX: Record<string, Check> = {
  'GET /api/training/classes': withSeed(async (u) => {
    const res = await call(u, 'GET', '/api/training/classes?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
    for (const r of classes) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  }),
  // A class may be opened in the caller's region only.
  'POST /api/training/classes': withSeed(async (u) => {
    const inst = classes.length ? (await call(u, 'GET', `/api/training/classes/${classes[0].id}`)).json() : null;
    const institutionId =
      inst?.institutionId ??
      (await one<{ id: string }>(t.db.owner, sql`select id from training_institutions limit 1`))!.id;
    ok(await call(u, 'POST', '/api/training/classes', classBody(u, institutionId, `新开班${u.label}`)), 201);
    if (u.scope !== 'all') {
      const outside = USERS.find((x) => !x.village.startsWith(u.region))!.village;
      ok(
        await call(u, 'POST', '/api/training/classes', classBody({ ...u, village: outside }, institutionId, '外')),
        404,
      );
    }
  }),
  'GET /api/training/classes/:id': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/training/classes/${r.id}`), inScope),
  ),
  'GET /api/training/classes/:id/enrolments': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/training/classes/${r.id}/enrolments`), inScope),
  ),
  // In scope the class owner's worker is enrolled already (409); out of scope the class does not exist (404).
  'POST /api/training/classes/:id/enrolments': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/training/classes/${r.id}/enrolments`, {
        workerId: workers[USERS.indexOf(r.owner)].id,
      }),
      inScope,
      409,
    ),
  ),
  'PATCH /api/training/classes/:id/enrolments/:enrolmentId': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'PATCH', enrolmentUrl(r), { examScore: 90 }), inScope),
  ),
  // In scope the certificate number is registered already (409).
  'POST /api/training/classes/:id/enrolments/:enrolmentId/certificates': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `${enrolmentUrl(r)}/certificates`, {
        kind: 'training',
        number: `FW-${r.owner.label}`,
        issuedOn: '2026-02-12',
      }),
      inScope,
      409,
    ),
  ),
  'GET /api/training/classes/:id/enrolments/export': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/training/classes/${r.id}/enrolments/export`), inScope),
  ),
  'GET /api/training/classes/:id/completion': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/training/classes/${r.id}/completion`), inScope),
  ),
  // The import job checks the class in the uploader's scope before it accepts the file (404 otherwise).
  'POST /api/training/classes/:id/enrolments/upload': perClass(async (u, r, inScope) => {
    const csv = '姓名,身份证号,劳动合同期限（月）\r\n某,123,';
    expectScoped(await upload(u, `/api/training/classes/${r.id}/enrolments/upload`, csv), inScope, 202);
    await t.services.imports.idle();
  }),
  'GET /api/training/classes/:id/enrolments/:enrolmentId/subsidy': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `${enrolmentUrl(r)}/subsidy`), inScope),
  ),
  'GET /api/training/classes/:id/attendance': perClass(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/training/classes/${r.id}/attendance`), inScope),
  ),
  'PUT /api/training/classes/:id/attendance': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/training/classes/${r.id}/attendance`, { session: 1, present: [r.enrolmentId] }),
      inScope,
    ),
  ),
  'GET /api/training/subsidies': withSeed(async (u) => {
    const res = await call(u, 'GET', '/api/training/subsidies?pageSize=200');
    ok(res, 200);
    const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
    for (const r of classes) expect(ids.has(r.claimId), `${u.name} sees the claim of ${r.label}`).toBe(visible(u, r));
  }),
  // In scope the enrolment's claim exists already (409: never twice); out of scope it does not exist (404).
  'POST /api/training/subsidies': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', '/api/training/subsidies', {
        enrolmentId: r.enrolmentId,
        payeeName: '范围',
        account: '6222021234567890128',
        bankName: '中国工商银行',
      }),
      inScope,
      409,
    ),
  ),
  // The claims list as a workbook holds exactly the claims in scope (their payee names are the owners' labels).
  'GET /api/training/subsidies/export': withSeed(async (u) => {
    const res = await call(u, 'GET', '/api/training/subsidies/export');
    ok(res, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = new Set<string>();
    wb.getWorksheet('补贴申请名单')!.eachRow((row, n) => {
      if (n > 1) names.add(String(row.getCell(7).value));
    });
    for (const r of classes)
      expect(names.has(`范围${r.owner.label}`), `${u.name} exports the claim of ${r.label}`).toBe(visible(u, r));
  }),
  // Every fixture user holds training_reviewer at a county or the city; the claims wait for their township. In
  // scope the claim is found and refused at the caller's level (409, nothing changes); out of scope it is 404.
  'POST /api/training/subsidies/:id/approve': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/training/subsidies/${r.claimId}/approve`, { confirm: true }),
      inScope,
      409,
    ),
  ),
  'POST /api/training/subsidies/:id/reject': perClass(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/training/subsidies/${r.claimId}/reject`, { note: '范围矩阵' }),
      inScope,
      409,
    ),
  ),
  // A target's progress counts the completions of the classes the caller's scope sees (RLS on owner/department).
  'GET /api/training/targets': withSeed(async (u) => {
    const res = await call(u, 'GET', '/api/training/targets?year=2026');
    ok(res, 200);
    for (const target of res.json().items as { regionCode: string; completed: number }[]) {
      const seen = classes.filter((r) => visible(u, r) && r.region.startsWith(target.regionCode)).length;
      expect(target.completed, `${u.name} target ${target.regionCode}`).toBe(seen);
    }
  }),
};

/**
 * Training routes with no record of an owner or a department, with their reasons. `training:approve` is held by
 * the built-in 培训审核员 (training_reviewer, which the fixture users hold too); `training:rules` by 市级业务管理员.
 */
export const TRAINING_EXEMPT: Record<string, string> = {
  'GET /api/training/institutions': 'the institution register (定点培训机构名录) is public: read under the city scope',
  'POST /api/training/institutions': 'institutions carry a region only, no owner; region-checked (training.test.ts)',
  'PATCH /api/training/institutions/:id': 'institutions carry a region only; scoped load (training.test.ts)',
  'PUT /api/training/targets': 'targets carry a region only (RLS), no owner',
  'GET /api/training/subsidies/rules': 'subsidy standards: city-wide reference data',
  'POST /api/training/subsidies/rules':
    'subsidy standards: reference data, training:rules at city level (training.test.ts)',
  'PUT /api/training/subsidies/rules/:id': 'subsidy standards: reference data, training:rules at city level',
  'PATCH /api/training/subsidies/rules/:id': 'subsidy standards: reference data, training:rules at city level',
  'GET /api/training/subsidies/batches': 'payment batches carry a county only (RLS on region), no owner',
  'POST /api/training/subsidies/batches': "a batch is a county's: county checked against the scope (training.test.ts)",
  'GET /api/training/subsidies/batches/:id/export': 'a batch carries a county only; region-scoped load',
};

import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { one } from '../db/client.js';
import {
  type Check,
  PANLONG,
  U,
  WUHUA,
  call,
  counter,
  creditCode,
  employers,
  employments,
  expectScoped,
  jobs,
  ok,
  perWorker,
  register,
  t,
  visible,
  workerBody,
  workers,
} from './scope-matrix.fixture.js';

/** The scope matrix of the registry: workers, employers, employments, exports, import jobs. */
export const REGISTRY_MATRIX: Record<string, Check> = {
  'GET /api/workers': async (u) => {
    const res = await call(u, 'GET', '/api/workers?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((w: { id: string }) => w.id));
    for (const r of workers) expect(ids.has(r.id), `${u.name} list ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length); // the count counts what the list lists
    expect(res.json().totalCapped).toBe(false);
    for (const r of workers) {
      const idNo = (await one<{ n: string }>(
        t.db.owner,
        sql`select id_enc as n from workers where id = ${r.id}::uuid`,
      ))!.n;
      const clear = t.services.cipher.decrypt(idNo, 'workers.id_number');
      const byId = await call(u, 'GET', `/api/workers?idNumber=${clear}`);
      expect(byId.json().total, `${u.name} search by ID ${r.label}`).toBe(visible(u, r) ? 1 : 0);
    }
  },
  'POST /api/workers': async (u) => {
    // In scope: its own new record, visible to itself. Out of scope: a residence outside its region.
    const mine = await register(u, `新建${u.label}`);
    ok(await call(u, 'GET', `/api/workers/${mine.id}`), 200);
    if (u.scope !== 'all') {
      const outside = await call(
        u,
        'POST',
        '/api/workers',
        workerBody({ ...u, village: u.region === WUHUA ? U.regionP.village : U.self.village }, '越界'),
      );
      ok(outside, 400);
      expect(outside.json().detail).toContain('管辖范围');
    }
  },
  'GET /api/workers/:id': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}`), inScope),
  ),
  'PATCH /api/workers/:id': perWorker(async (u, r, inScope) => {
    const before = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from workers where id = ${r.id}::uuid`,
    ))!.version;
    expectScoped(
      await call(u, 'PATCH', `/api/workers/${r.id}`, { version: before, bankName: `银行${u.label}` }),
      inScope,
    );
    const after = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from workers where id = ${r.id}::uuid`,
    ))!.version;
    expect(after).toBe(inScope ? before + 1 : before);
  }),
  'POST /api/workers/:id/unmask': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/workers/${r.id}/unmask`, { fields: ['idNumber'], purpose: '范围矩阵测试核查' }),
      inScope,
    ),
  ),
  'GET /api/workers/:id/timeline': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}/timeline`), inScope),
  ),
  'POST /api/workers/:id/merge': perWorker(async (u, r, inScope) => {
    // The duplicate is a fresh record of the caller's own; the survivor is the record under test.
    const dup = await register(u, `重复${u.label}`);
    expectScoped(await call(u, 'POST', `/api/workers/${r.id}/merge`, { duplicateId: dup.id }), inScope);
    const status = (await one<{ s: string }>(
      t.db.owner,
      sql`select status as s from workers where id = ${dup.id}::uuid`,
    ))!.s;
    expect(status).toBe(inScope ? 'merged' : 'active');
  }),
  'PUT /api/workers/:id/insurance': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/workers/${r.id}/insurance`, {
        items: [{ type: 'pension', enrolled: true, since: '2020-01-01', placeRegionCode: null }],
      }),
      inScope,
    ),
  ),
  'GET /api/workers/:id/insurance/transfers': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}/insurance/transfers`), inScope),
  ),
  'POST /api/workers/:id/insurance/transfers': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/workers/${r.id}/insurance/transfers`, {
        type: 'pension',
        fromRegionCode: '530102',
        toRegionCode: '530103',
        date: '2021-01-01',
      }),
      inScope,
      201,
    ),
  ),

  // Employers: the company register is readable city-wide by design; editing is scoped, and every
  // answer says per row whether this caller may edit (`editable`).
  'GET /api/employers': async (u) => {
    const res = await call(u, 'GET', '/api/employers?pageSize=100');
    ok(res, 200);
    const byId = new Map(res.json().items.map((e: { id: string; editable: boolean }) => [e.id, e.editable]));
    for (const e of employers) expect(byId.get(e.id), `${u.name} employer ${e.label} editable`).toBe(visible(u, e));
  },
  'GET /api/employers/:id': async (u) => {
    for (const e of employers) {
      const res = await call(u, 'GET', `/api/employers/${e.id}`);
      ok(res, 200);
      expect(res.json().editable, `${u.name} employer ${e.label}`).toBe(visible(u, e));
    }
  },
  'PATCH /api/employers/:id': async (u) => {
    for (const e of employers) {
      const res = await call(u, 'PATCH', `/api/employers/${e.id}`, { address: `地址${u.label}` });
      expectScoped(res, visible(u, e), 200, [403]);
      if (!visible(u, e)) expect(res.json().detail).toContain('不能修改');
    }
  },
  'POST /api/employers': async (u) => {
    const res = await call(u, 'POST', '/api/employers', {
      creditCode: creditCode(u.village.slice(0, 6)),
      name: `新建单位${u.label}有限公司`,
      industry: 'E',
      size: 'small',
      regionCode: u.village.slice(0, 6),
    });
    ok(res, 201);
    expect(res.json().editable).toBe(true);
    if (u.scope !== 'all') {
      const county = u.region === WUHUA ? PANLONG : WUHUA;
      ok(
        await call(u, 'POST', '/api/employers', {
          creditCode: creditCode(county),
          name: `越界单位${u.label}有限公司`,
          industry: 'E',
          size: 'small',
          regionCode: county,
        }),
        400,
      );
    }
  },

  // Employments and insurance belong to their worker: same owner, department and region.
  'GET /api/employments': async (u) => {
    const res = await call(u, 'GET', '/api/employments?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((m: { id: string }) => m.id));
    for (const r of workers)
      expect(ids.has(employments.get(r.id)!), `${u.name} employment of ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length);
  },
  'GET /api/employments/contract-rates': async (u) => {
    const res = await call(u, 'GET', '/api/employments/contract-rates?parent=5301');
    ok(res, 200);
    const employed = res.json().reduce((s: number, r: { employed: number }) => s + r.employed, 0);
    const ids = workers.filter((r) => visible(u, r)).map((r) => r.id);
    const expected = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from employments where status = 'active' and worker_id::text in (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
    expect(employed, u.name).toBe(expected!.n);
  },
  'POST /api/employments': perWorker(async (u, r, inScope) => {
    const res = await call(u, 'POST', '/api/employments', {
      workerId: r.id,
      employerId: employers[0].id,
      startDate: `2024-0${1 + (counter.seq++ % 9)}-1${counter.seq % 10}`,
      contractSigned: false,
    });
    ok(res, ...(inScope ? [201, 409] : [400]));
    if (!inScope) expect(res.json().detail).toContain('务工人员不存在');
  }),
  'PATCH /api/employments/:id': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PATCH', `/api/employments/${employments.get(r.id)}`, { position: `岗位${u.label}` }),
      inScope,
    ),
  ),

  // Exports: the rows of the caller's scope only.
  'POST /api/exports': async (u) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: u.cookie! },
      payload: { kind: 'workers', filters: {} },
    });
    ok(res, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const names = new Set<string>();
    wb.worksheets[0].eachRow((row, n) => n > 2 && names.add(String(row.getCell(1).value)));
    for (const r of workers) expect(names.has(r.label), `${u.name} export ${r.label}`).toBe(visible(u, r));
    const list = await call(u, 'GET', '/api/workers?pageSize=1');
    expect(Number(res.headers['x-export-rows'])).toBe(list.json().total);
  },

  // Import jobs: the uploader is the owner, its department the job's.
  'POST /api/imports': async (u) => {
    const own = jobs.find((j) => j.owner === u)!;
    ok(await call(u, 'GET', `/api/imports/${own.id}`), 200);
  },
  'GET /api/imports': async (u) => {
    const res = await call(u, 'GET', '/api/imports?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((j: { id: string }) => j.id));
    for (const j of jobs) expect(ids.has(j.id), `${u.name} job of ${j.label}`).toBe(visible(u, j));
  },
  'GET /api/imports/:id': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}`), visible(u, j));
  },
  'GET /api/imports/:id/errors.xlsx': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}/errors.xlsx`), visible(u, j));
  },
  'GET /api/imports/:id/errors': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}/errors`), visible(u, j));
  },
  'POST /api/imports/:id/retry': async (u) => {
    // In scope the job is found and refused as not failed (409); out of scope it does not exist.
    for (const j of jobs) expectScoped(await call(u, 'POST', `/api/imports/${j.id}/retry`), visible(u, j), 409);
  },
};

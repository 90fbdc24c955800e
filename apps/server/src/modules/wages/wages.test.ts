import { generateWages, scorePrecisionRecall } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { loadDemoCity } from '../../demo.js';
import { api, CITY, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let county: { cookie: string }; // labour-inspection officer of 五华区 (530102)
let other: { cookie: string }; // officer of 盘龙区 (530103)
let T1: string; // a township of 五华区
let client: string;
let contractor: string;

const ID_A = idNumber('530102', '1988-04-12', '135');
const ID_B = idNumber('530102', '1991-09-30', '246');
const ID_C = idNumber('530102', '1979-01-05', '357'); // registered, never enrolled
const ID_UNREGISTERED = idNumber('530102', '1993-02-14', '468');

async function upload(path: string, cookie: string, name: string, csv: string) {
  const body = multipartBody({}, { name, data: Buffer.from(csv, 'utf8') });
  const r = await t.app.inject({
    method: 'POST',
    url: path,
    headers: { cookie, ...body.headers },
    payload: body.payload,
  });
  expect(r.statusCode, r.body).toBe(202);
  await t.services.imports.idle();
  const job = await api(t, 'GET', `/api/imports/${r.json().id}`, { cookie });
  return job.json();
}

async function importErrors(jobId: string) {
  return t.db.scoped(SYSTEM_SCOPE, (tx) =>
    all<{ rowNo: number; cells: Record<string, string> }>(
      tx,
      sql`select row_no as "rowNo", cells from import_row_errors where import_id = ${jobId} order by row_no`,
    ),
  );
}

beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 300, seed: 7 });
  T1 = (await one<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
  ))!.code;
  const emps = await all<{ id: string }>(t.db.owner, sql`select id from employers order by credit_code limit 3`);
  [client, contractor] = emps.map((e) => e.id);
  await provisionUser(t.db, t.services, {
    username: 'insp_wuhua',
    displayName: '五华区劳动监察员',
    roles: ['officer'],
    regionCode: '530102',
    password: 'Inspect#Wuhua-2026x',
  });
  await provisionUser(t.db, t.services, {
    username: 'insp_panlong',
    displayName: '盘龙区劳动监察员',
    roles: ['officer'],
    regionCode: '530103',
    password: 'Inspect#Panlong-2026',
  });
  county = await signIn(t, 'insp_wuhua', { password: 'Inspect#Wuhua-2026x' });
  other = await signIn(t, 'insp_panlong', { password: 'Inspect#Panlong-2026' });
}, 240_000);
afterAll(async () => t?.close());

describe('the early-warning engine on a synthetic city with injected problems', () => {
  let asOf: string;
  let manifest: { rule: string; projectId: string; month: string | null }[];

  it('finds every injected problem and nothing else (precision and recall 100 %)', async () => {
    const workers = await all<{ id: string; name: string; idBidx: string; idMasked: string }>(
      t.db.owner,
      sql`select id, name, id_bidx as "idBidx", id_masked as "idMasked" from workers order by id`,
    );
    const employers = await all<{ id: string; regionCode: string }>(
      t.db.owner,
      sql`select id, region_code as "regionCode" from employers order by id`,
    );
    const townships = (
      await all<{ code: string }>(
        t.db.owner,
        sql`select code from regions where level = 4 and code like '5301%' order by code limit 40`,
      )
    ).map((r) => r.code);
    asOf = '2026-03-02';
    const data = generateWages({
      seed: 11,
      asOf,
      projects: 24,
      workers: workers.slice(0, 240),
      employers,
      townships,
      injectRate: 0.5,
    });
    manifest = data.manifest;
    expect(data.injections.length).toBeGreaterThan(5);
    await t.db.scoped(SYSTEM_SCOPE, (tx) => t.services.wageSeed.bulkLoad(tx, data));
    const report = await t.services.engine.fullScan({ today: asOf });
    expect(report.created).toBe(report.findings);
    const found = await all<{ rule: string; projectId: string; month: string | null }>(
      t.db.owner,
      sql`select rule, project_id as "projectId", month::text as month from warnings
        where status not in ('closed', 'cleared')`,
    );
    const score = scorePrecisionRecall(manifest, found);
    expect(score.spurious).toEqual([]);
    expect(score.missed).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
  });

  it('is idempotent: a second scan creates and touches nothing', async () => {
    const before = await one<{ n: number; u: string }>(
      t.db.owner,
      sql`select count(*)::int as n, max(updated_at)::text as u from warnings`,
    );
    const again = await t.services.engine.fullScan({ today: asOf });
    expect(again.created).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.cleared).toBe(0);
    const after = await one<{ n: number; u: string }>(
      t.db.owner,
      sql`select count(*)::int as n, max(updated_at)::text as u from warnings`,
    );
    expect(after).toEqual(before);
  });

  it('clears a warning by itself when its cause is fixed, keeping the history', async () => {
    const missed = manifest.find((m) => m.rule === 'allocation_missed');
    expect(missed).toBeDefined();
    await t.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const a = await one<{ id: string; regionCode: string }>(
        tx,
        sql`select id, region_code as "regionCode" from wage_accounts where project_id = ${missed!.projectId}`,
      );
      await tx.execute(
        sql`insert into account_txns (account_id, project_id, kind, month, amount_fen, txn_date, region_code,
          county_code)
          values (${a!.id}, ${missed!.projectId}, 'allocation', ${missed!.month}, 100000, ${asOf}, ${a!.regionCode},
          left(${a!.regionCode}, 6))`,
      );
    });
    const r = await t.services.engine.scanProjects([missed!.projectId], { today: asOf });
    expect(r.cleared).toBe(1);
    const w = await one<{ status: string; actions: string[] }>(
      t.db.owner,
      sql`select status, (select array_agg(action order by id) from warning_actions a
        where a.county_code = w.county_code and a.warning_id = w.id) as actions
      from warnings w where rule = 'allocation_missed' and project_id = ${missed!.projectId}
      and month = ${missed!.month}`,
    );
    expect(w).toEqual({ status: 'cleared', actions: ['detected', 'cleared'] });
  });
});

describe('a project from registration to the warning workflow', () => {
  let projectId: string;
  let projectCode: string;
  let version: number;
  let pwA: string;
  let pwB: string;
  let accountNo: string;

  it('registers a worker and the contracts in the registry first', async () => {
    for (const [id, name, seq] of [
      [ID_A, '王建国', 0],
      [ID_B, '李春花', 1],
      [ID_C, '赵大力', 2],
    ] as const) {
      const w = await api(t, 'POST', '/api/workers', {
        cookie: county.cookie,
        body: {
          name,
          idNumber: id,
          ethnicity: '01',
          education: '30',
          hukouRegionCode: '530102',
          residenceRegionCode: T1,
        },
      });
      expect(w.statusCode, w.body).toBe(201);
      if (seq < 2) {
        const e = await api(t, 'POST', '/api/employments', {
          cookie: county.cookie,
          body: {
            workerId: w.json().id,
            employerId: contractor,
            startDate: '2025-12-01',
            contractSigned: seq === 0,
            contractType: seq === 0 ? 'fixed' : 'none',
            ...(seq === 0 ? { contractTermMonths: 24 } : {}),
          },
        });
        expect(e.statusCode, e.body).toBe(201);
      }
    }
  });

  it('registers the project with per-field Chinese errors for bad input', async () => {
    const bad = await api(t, 'POST', '/api/projects', {
      cookie: county.cookie,
      body: {
        name: '测试项目',
        regionCode: '530102',
        category: 'housing',
        clientId: client,
        contractorId: client,
        fundingInPlace: true,
        paymentGuarantee: true,
        contractAmountFen: -5,
        labourShareBp: 2500,
        allocationDay: 31,
        payDay: 15,
        contractSignedOn: '2025-11-20',
        startDate: '2025-12-01',
        plannedEndDate: '2025-01-01',
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['regionCode', 'contractorId', 'contractAmountFen', 'allocationDay', 'plannedEndDate']),
    );
    const r = await api(t, 'POST', '/api/projects', {
      cookie: county.cookie,
      body: {
        name: '五华区安置房一期',
        regionCode: T1,
        category: 'housing',
        clientId: client,
        contractorId: contractor,
        permitNo: '530102202512010101',
        fundingInPlace: true,
        paymentGuarantee: true,
        contractAmountFen: 8_000_000_000,
        labourShareBp: 2500,
        allocationDay: 20,
        payDay: 15,
        contractSignedOn: '2025-11-20',
        startDate: '2025-12-01',
        plannedEndDate: '2027-06-30',
        labourOfficerName: '周劳资',
        labourOfficerPhone: '13987650001',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    projectId = p.id;
    projectCode = p.code;
    version = p.version;
    expect(p.labourOfficerPhone).toBe('139****0001');
    expect(p.institutions).toEqual({
      realName: false,
      account: false,
      contractorPays: false,
      deposit: false,
      noticeBoard: false,
      ledger: false,
    });
    expect(r.body).not.toContain('13987650001');
    const started = await api(t, 'PATCH', `/api/projects/${projectId}`, {
      cookie: county.cookie,
      body: { version, status: 'in_progress' },
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in_progress');
    version = started.json().version;
  });

  it('keeps the project out of another county’s reach (404, empty list)', async () => {
    expect((await api(t, 'GET', `/api/projects/${projectId}`, { cookie: other.cookie })).statusCode).toBe(404);
    const list = (
      await api(t, 'GET', `/api/projects?q=${encodeURIComponent('五华区安置房')}`, { cookie: other.cookie })
    ).json();
    expect(list.total).toBe(0);
  });

  it('enrols registered workers only, and flags the one without a contract', async () => {
    const none = await api(t, 'POST', `/api/projects/${projectId}/workers`, {
      cookie: county.cookie,
      body: { idNumber: ID_UNREGISTERED, entryDate: '2025-12-01' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().detail).toContain('尚未实名登记');
    const a = await api(t, 'POST', `/api/projects/${projectId}/workers`, {
      cookie: county.cookie,
      body: { idNumber: ID_A, entryDate: '2025-12-01' },
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ contractPresent: true, warning: null, name: '王*国' });
    expect(a.body).not.toContain('王建国');
    pwA = a.json().id;
    const b = await api(t, 'POST', `/api/projects/${projectId}/workers`, {
      cookie: county.cookie,
      body: { idNumber: ID_B, entryDate: '2025-12-01' },
    });
    expect(b.json()).toMatchObject({ contractPresent: false });
    expect(b.json().warning).toContain('未签劳动合同');
    pwB = b.json().id;
    const twice = await api(t, 'POST', `/api/projects/${projectId}/workers`, {
      cookie: county.cookie,
      body: { idNumber: ID_A, entryDate: '2025-12-02' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('opens the dedicated account and records the deposit the contractor’s grade asks for', async () => {
    accountNo = '6217001234567890123';
    const acc = await api(t, 'PUT', `/api/projects/${projectId}/account`, {
      cookie: county.cookie,
      body: { bankName: '中国建设银行昆明五华支行', accountNo, openedOn: '2025-12-05' },
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().account).toMatchObject({
      accountMasked: expect.stringContaining('0123'),
      openedLate: false,
      balanceFen: 0,
    });
    expect(acc.body).not.toContain(accountNo);
    const q = (await api(t, 'GET', `/api/projects/${projectId}/deposit/quote`, { cookie: county.cookie })).json();
    expect(q.exempt).toBe(false);
    expect(q.requiredFen).toBe(Math.round((8_000_000_000 * q.rateBp) / 10_000));
    const low = await api(t, 'PUT', `/api/projects/${projectId}/deposit`, {
      cookie: county.cookie,
      body: { form: 'cash', amountFen: q.requiredFen - 1, depositedOn: '2025-12-06' },
    });
    expect(low.statusCode).toBe(400);
    const ok = await api(t, 'PUT', `/api/projects/${projectId}/deposit`, {
      cookie: county.cookie,
      body: { form: 'cash', depositedOn: '2025-12-06' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ balanceFen: q.requiredFen, status: 'held' });
    for (const m of ['2025-12', '2026-01', '2026-02']) {
      const txn = await api(t, 'POST', `/api/projects/${projectId}/account/txns`, {
        cookie: county.cookie,
        body: { kind: 'allocation', month: m, amountFen: 5_000_000, txnDate: `${m}-18` },
      });
      expect(txn.statusCode, txn.body).toBe(201);
    }
  });

  it('imports the wage sheet with a precise message for every bad row and nothing silently dropped', async () => {
    const csv = [
      '工资月份,姓名,公民身份号码,出勤天数,应发工资（元）,代扣代缴及扣款（元）,实发工资（元）,发放日期,本人签字确认',
      `2026-01,王建国,${ID_A},22,6800.00,320.00,6480.00,2026-02-15,是`,
      `2026-01,李春花,${ID_B},20,6000.00,0,6000.00,2026-02-15,是`,
      `2026-01,赵大力,${ID_C},20,6000.00,0,6000.00,,是`, // registered but not on the project
      `2025-12,王建国,${ID_A},21,-100.00,0,-100.00,,是`, // negative
      `2026-05,王建国,${ID_A},21,6000.00,0,6000.00,,是`, // future month (clock: 2026-03-02)
      `2025-12,李春花,${ID_B},21,6000.00,100.00,6000.00,,是`, // net ≠ payable − deductions
      `2025-12,王建国,${ID_A},21,6000.00,0,6000.00,,也许`, // bad confirmation
    ].join('\n');
    const job = await upload(`/api/projects/${projectId}/payrolls`, county.cookie, '工资表2026-01.csv', csv);
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', totalRows: 7, okRows: 2, errorRows: 5 });
    const errs = await importErrors(job.id);
    expect(errs.map((e) => e.rowNo)).toEqual([4, 5, 6, 7, 8]);
    expect(errs[0].cells.idNumber).toContain('不在本项目的实名用工名册中');
    expect(errs[1].cells.payable).toContain('不能为负数');
    expect(errs[2].cells.month).toContain('未来月份');
    expect(errs[3].cells.net).toContain('应等于应发工资减扣款');
    expect(errs[4].cells.confirmed).toContain('是');
    const again = await upload(
      `/api/projects/${projectId}/payrolls`,
      county.cookie,
      '工资表2026-01-重复.csv',
      csv.split('\n').slice(0, 3).join('\n'),
    );
    expect(again).toMatchObject({ status: 'done', okRows: 2, unchangedRows: 2, createdRows: 0 });
    const changed = await upload(
      `/api/projects/${projectId}/payrolls`,
      county.cookie,
      '工资表2026-01-改.csv',
      csv.split('\n').slice(0, 2).join('\n').replace('6480.00', '6400.00').replace('320.00', '400.00'),
    );
    expect(changed.errorRows).toBe(1);
    expect((await importErrors(changed.id))[0].cells.net).toContain('调整分录');
    const lines = (await api(t, 'GET', `/api/projects/${projectId}/payrolls/2026-01`, { cookie: county.cookie })).json()
      .items;
    expect(lines.map((l: { netFen: number }) => l.netFen).sort()).toEqual([600000, 648000]);
  });

  it('refuses bank results for another account and amounts beyond the ledger', async () => {
    const header = '付款账号,工资月份,收款人姓名,公民身份号码,金额（元）,代发结果,失败原因,银行流水号,代发日期';
    const csv = [
      header,
      `${accountNo},2026-01,王建国,${ID_A},6480.00,成功,,BK20260215001,2026-02-15`,
      `6217009999999999999,2026-01,李春花,${ID_B},6000.00,成功,,BK20260215002,2026-02-15`,
      `${accountNo},2026-01,李春花,${ID_B},7000.00,成功,,BK20260215003,2026-02-15`,
    ].join('\n');
    const job = await upload(`/api/projects/${projectId}/bank-payments`, county.cookie, '代发结果.csv', csv);
    expect(job).toMatchObject({ okRows: 1, errorRows: 2 });
    const errs = await importErrors(job.id);
    expect(errs[0].cells.accountNo).toContain('专用账户不符');
    expect(errs[1].cells.amount).toContain('超过台账实发工资');
    const acc = (await api(t, 'GET', `/api/projects/${projectId}/account`, { cookie: county.cookie })).json();
    expect(acc.account.balanceFen).toBe(15_000_000 - 648_000);
  });

  it('corrects the ledger only by an adjusting entry', async () => {
    const lines = (await api(t, 'GET', `/api/projects/${projectId}/payrolls/2026-01`, { cookie: county.cookie })).json()
      .items;
    const b = lines.find((l: { name: string }) => l.name.startsWith('李'));
    const bad = await api(t, 'POST', `/api/projects/${projectId}/payrolls/adjustments`, {
      cookie: county.cookie,
      body: { lineId: b.lineId, payableFen: 20_000, deductionsFen: 0, netFen: 10_000, reason: '补发加班费' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await api(t, 'POST', `/api/projects/${projectId}/payrolls/adjustments`, {
      cookie: county.cookie,
      body: { lineId: b.lineId, payableFen: 20_000, deductionsFen: 0, netFen: 20_000, reason: '补发加班费' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const after = (await api(t, 'GET', `/api/projects/${projectId}/payrolls/2026-01`, { cookie: county.cookie })).json()
      .items;
    expect(after).toHaveLength(3);
    expect(after.find((l: { entry: string }) => l.entry === 'adjustment')).toMatchObject({
      netFen: 20_000,
      adjustsLineId: b.lineId,
      reason: '补发加班费',
    });
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) => tx.execute(sql`delete from payroll_lines where project_id = ${projectId}`)),
    ).rejects.toThrow();
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) =>
        tx.execute(sql`update payroll_lines set net_fen = 0 where project_id = ${projectId}`),
      ),
    ).rejects.toThrow();
  });

  it('warns after the upload, routes, assigns, handles and closes the warning on both timelines', async () => {
    await t.services.engine.scanProjects([projectId]);
    const list = (
      await api(t, 'GET', `/api/warnings?projectId=${projectId}&status=live`, { cookie: county.cookie })
    ).json();
    const rules = list.items.map((w: { rule: string }) => w.rule).sort();
    expect(rules).toEqual(
      expect.arrayContaining(
        ['no_contract_on_site', 'paid_fewer_than_attended'].filter(
          (r) => r !== 'paid_fewer_than_attended' || rules.includes(r),
        ),
      ),
    );
    expect(rules).toContain('no_contract_on_site');
    expect(rules).toContain('missing_institutions');
    const nc = list.items.find((w: { rule: string }) => w.rule === 'no_contract_on_site');
    expect(nc).toMatchObject({
      level: 'orange',
      status: 'open',
      workersAffected: 1,
      departmentCode: 'hrss',
      overdue: false,
    });
    expect(nc.dueOn > '2026-03-02').toBe(true);
    const detail = (await api(t, 'GET', `/api/warnings/${nc.id}`, { cookie: county.cookie })).json();
    expect(detail.workers).toEqual([expect.objectContaining({ projectWorkerId: pwB, name: '李*花' })]);
    expect((await api(t, 'GET', `/api/warnings/${nc.id}`, { cookie: other.cookie })).statusCode).toBe(404);
    const me = (await api(t, 'GET', '/api/auth/me', { cookie: county.cookie })).json();
    const assignees = (
      await api(t, 'GET', `/api/warnings/${nc.id}/assignees?q=${encodeURIComponent('五华')}`, { cookie: county.cookie })
    ).json();
    // holds warnings:handle in 五华区; not 盘龙区's officer
    expect(assignees.map((u: { username: string }) => u.username)).toEqual(['insp_wuhua']);
    expect(Object.keys(assignees[0]).sort()).toEqual(['departmentName', 'displayName', 'id', 'regionCode', 'username']);
    const panlong = (await one<{ id: string }>(t.db.owner, sql`select id from users where username = 'insp_panlong'`))!
      .id;
    const wrong = await api(t, 'POST', `/api/warnings/${nc.id}/assign`, {
      cookie: county.cookie,
      body: { assigneeId: panlong },
    });
    expect(wrong.statusCode).toBe(400); // another county's officer cannot be the handler
    expect(wrong.json().errors[0].path).toBe('assigneeId');
    expect(
      (
        await api(t, 'POST', `/api/warnings/${nc.id}/assign`, {
          cookie: county.cookie,
          body: { assigneeId: me.user?.id ?? me.id, note: '请核实劳动合同' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api(t, 'POST', `/api/warnings/${nc.id}/act`, {
          cookie: county.cookie,
          body: { note: '已约谈总包单位，责令三日内补签合同' },
        })
      ).statusCode,
    ).toBe(200);
    const closed = await api(t, 'POST', `/api/warnings/${nc.id}/close`, {
      cookie: county.cookie,
      body: { result: '已补签劳动合同并备案' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().actions.map((a: { action: string }) => a.action)).toEqual([
      'detected',
      'assigned',
      'acted',
      'closed',
    ]);
    expect(
      (await api(t, 'POST', `/api/warnings/${nc.id}/act`, { cookie: county.cookie, body: { note: '再次处置' } }))
        .statusCode,
    ).toBe(409);
    const workerId = (await one<{ id: string }>(
      t.db.owner,
      sql`select worker_id as id from project_workers where id = ${pwB}`,
    ))!.id;
    const tl = (await api(t, 'GET', `/api/workers/${workerId}/timeline`, { cookie: county.cookie })).json();
    const summaries = (tl.items ?? tl).map((e: { summary: string }) => e.summary).join('\n');
    expect(summaries).toContain('预警办结');
    expect(summaries).toContain('进场');
    const ptl = (await api(t, 'GET', `/api/projects/${projectId}/timeline`, { cookie: county.cookie })).json();
    expect(ptl.map((e: { summary: string }) => e.summary).join('\n')).toContain('预警分派');
  });

  it('escalates an overdue warning one level up with a new deadline', async () => {
    const live = (
      await api(t, 'GET', `/api/warnings?projectId=${projectId}&status=live`, { cookie: county.cookie })
    ).json().items;
    const w = live.find((x: { rule: string }) => x.rule === 'missing_institutions');
    await t.db.owner.execute(sql`update warnings set due_on = '2026-02-20' where id = ${w.id}`);
    const n = await t.services.warnings.escalateOverdue(await t.services.warnings.params());
    expect(n).toBe(1);
    const d = (await api(t, 'GET', `/api/warnings/${w.id}`, { cookie: county.cookie })).json();
    expect(d.escalation).toBe(1);
    expect(d.actions.at(-1)).toMatchObject({ action: 'escalated' });
    expect(d.dueOn > '2026-03-02').toBe(true);
    expect(d.overdue).toBe(false);
  });

  it('lets a worker see what was paid to them, by ID number and name, and nothing for a wrong name', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/public/wage-lookup',
      payload: { projectCode, idNumber: ID_A, name: '王建国' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().months).toEqual([
      expect.objectContaining({ month: '2026-01-01', netFen: 648_000, paidFen: 648_000, payDate: '2026-02-15' }),
    ]);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/wage-lookup',
      payload: { projectCode, idNumber: ID_A, name: '王建' },
    });
    expect(wrong.statusCode).toBe(404);
    const board = await api(t, 'GET', `/api/projects/${projectId}/notice-board?size=A3`, { cookie: county.cookie });
    expect(board.headers['content-type']).toContain('text/html');
    expect(board.body).toContain('12333');
    expect(board.body).toContain('<svg');
    expect(board.body).toContain('每月');
    expect(board.body).toContain('13987650001'); // the labour-wage officer's work phone is what the board is for
  });

  const CONFIRMS_ARREARS_PAYS_THEM =
    'confirms arrears, pays them from the emergency fund, recovers it, and checks the criminal threshold';
  it(CONFIRMS_ARREARS_PAYS_THEM, async () => {
    const tooMuch = await api(t, 'POST', '/api/arrears', {
      cookie: county.cookie,
      body: {
        projectId,
        employerId: contractor,
        summary: '李春花 1 月工资未发',
        items: [{ projectWorkerId: pwB, month: '2026-01', amountFen: 700_000 }],
      },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().detail).toContain('不能超过');
    const c = await api(t, 'POST', '/api/arrears', {
      cookie: county.cookie,
      body: {
        projectId,
        employerId: contractor,
        summary: '李春花 1 月工资未发',
        items: [{ projectWorkerId: pwB, month: '2026-01', amountFen: 620_000 }],
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id;
    let d = (await api(t, 'GET', `/api/arrears/${id}`, { cookie: county.cookie })).json();
    expect(d).toMatchObject({
      status: 'confirmed',
      amountFen: 620_000,
      outstandingFen: 620_000,
      criminal: { met: false },
    });
    expect(
      (await api(t, 'POST', `/api/arrears/${id}/transfer`, { cookie: county.cookie, body: { note: '逾期不付' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await api(t, 'POST', `/api/arrears/${id}/order`, {
          cookie: county.cookie,
          body: { orderNo: '五人社监令〔2026〕1号', orderedOn: '2026-03-02', dueWorkingDays: 5 },
        })
      ).json().orderDueOn,
    ).toBe('2026-03-09');
    expect(
      (
        await api(t, 'POST', `/api/arrears/${id}/payments`, {
          cookie: county.cookie,
          body: { source: 'recovery', amountFen: 1, onDate: '2026-03-02' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await api(t, 'POST', `/api/arrears/${id}/payments`, {
          cookie: county.cookie,
          body: { source: 'emergency_fund', amountFen: 700_000, onDate: '2026-03-02' },
        })
      ).statusCode,
    ).toBe(400);
    d = (
      await api(t, 'POST', `/api/arrears/${id}/payments`, {
        cookie: county.cookie,
        body: { source: 'emergency_fund', amountFen: 620_000, onDate: '2026-03-02' },
      })
    ).json();
    expect(d).toMatchObject({
      status: 'paid',
      outstandingFen: 0,
      advances: { emergencyFen: 620_000, outstandingAdvanceFen: 620_000 },
    });
    d = (
      await api(t, 'POST', `/api/arrears/${id}/payments`, {
        cookie: county.cookie,
        body: { source: 'recovery', amountFen: 620_000, onDate: '2026-03-02', note: '向总包单位追偿' },
      })
    ).json();
    expect(d.advances.outstandingAdvanceFen).toBe(0);
    const ev = await api(t, 'GET', `/api/arrears/${id}/evidence`, { cookie: county.cookie });
    expect(ev.statusCode).toBe(200);
    expect(ev.body).toContain('欠薪明细');
    expect(ev.body).not.toContain(ID_B);
    const audit = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'arrears.evidence' and object_id = ${id}`,
    );
    expect(audit!.n).toBe(1);
  });

  const LISTS_THE_DEFAULTER_FOR =
    'lists the defaulter for 3 years, shows it publicly, refuses early removal before 6 months, ' +
    'and raises the deposit grade';
  it(LISTS_THE_DEFAULTER_FOR, async () => {
    const r = await api(t, 'POST', '/api/defaulters', {
      cookie: county.cookie,
      body: {
        employerId: contractor,
        basis: '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条第一项',
        reason: '拖欠农民工工资数额较大，经责令限期支付仍不支付',
        decisionNo: '五人社失〔2026〕1号',
        listedOn: '2026-03-01',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().expiresOn).toBe('2029-03-01');
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/defaulters' })).json();
    expect(pub.items).toHaveLength(1);
    expect(Object.keys(pub.items[0]).sort()).toEqual([
      'basis',
      'creditCode',
      'employerName',
      'expiresOn',
      'listedOn',
      'reason',
    ]);
    const early = await api(t, 'POST', `/api/defaulters/${r.json().id}/remove`, {
      cookie: county.cookie,
      body: { correctedOn: '2026-03-02', undertaking: true, note: '已全部清偿' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('满 6 个月');
    const grade = (await api(t, 'GET', `/api/employers/${contractor}/integrity`, { cookie: county.cookie })).json();
    expect(grade).toMatchObject({ grade: 'D', listed: true, arrearsCases: 1 });
    // Another county grades the same contractor on its whole record, not just on what it can see.
    const elsewhere = (await api(t, 'GET', `/api/employers/${contractor}/integrity`, { cookie: other.cookie })).json();
    expect(elsewhere).toMatchObject({ grade: 'D', arrearsCases: 1 });
  });

  it('answers a 4xx, never a 5xx, to malformed requests', async () => {
    for (const [method, url, body] of [
      ['PATCH', `/api/projects/${projectId}`, { version: 999, name: '改名' }],
      ['PUT', `/api/projects/${projectId}/attendance`, { month: '2026-13', entries: [] }],
      [
        'PUT',
        `/api/projects/${projectId}/attendance`,
        { month: '2026-02', entries: [{ projectWorkerId: pwA, days: 40 }] },
      ],
      [
        'POST',
        `/api/projects/${projectId}/account/txns`,
        { kind: 'allocation', amountFen: 100, txnDate: '2026-02-01' },
      ],
      [
        'POST',
        `/api/projects/${projectId}/payrolls/manual`,
        {
          month: '2026-02',
          lines: [{ projectWorkerId: pwA, days: 20, payableFen: 1.5, deductionsFen: 0, netFen: 1.5, confirmed: true }],
        },
      ],
      ['GET', '/api/warnings?level=purple', undefined],
      ['POST', '/api/public/wage-lookup', { projectCode: 'x', idNumber: '1', name: '' }],
    ] as const) {
      const res = await api(t, method, url, { cookie: county.cookie, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(res.json().detail).toMatch(/[\u4e00-\u9fa5]/);
    }
    void version;
  });

  it('shows the dashboard by region with drill-down', async () => {
    const city = (await api(t, 'GET', '/api/wages/dashboard', { cookie: county.cookie })).json();
    expect(city.region.code).toBe('530102');
    expect(city.totals.projects).toBeGreaterThanOrEqual(1);
    const child = city.children.find((c: { code: string }) => c.code === T1);
    expect(child.projects).toBeGreaterThanOrEqual(1);
    const town = (await api(t, 'GET', `/api/wages/dashboard?regionCode=${T1}`, { cookie: county.cookie })).json();
    expect(town.projects.map((p: { id: string }) => p.id)).toContain(projectId);
    expect((await api(t, 'GET', '/api/wages/dashboard?regionCode=530103', { cookie: county.cookie })).statusCode).toBe(
      404,
    );
  });
});

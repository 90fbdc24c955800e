/**
 * Issue #8, wage module: city-wide parameters and manual scans kept to their level and scope (4), names
 * compared in one normal form through every module (8), the dashboard on the caller's own region (9),
 * and the workflow errors (12). Each block failed before its fix.
 */
import { sql } from 'drizzle-orm';
import { maskName } from '@mwsp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { loadDemoCity } from '../../demo.js';
import { api, CITY, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let wuhua: { cookie: string }; // officer of 五华区 (530102): warnings:admin, no wages:params
let panlong: { cookie: string }; // officer of 盘龙区 (530103)
let countyParams: { cookie: string }; // 五华区 officer who was given wages:params
let cityParams: { cookie: string }; // city-level account with wages:params
let leader: { cookie: string }; // city leader, data scope 全部
let T1: string; // township of 五华区
let T2: string; // township of 盘龙区
let contractor: string;
let client: string;

/** Every middle-dot variant people type for the 间隔号 (U+00B7 itself first). */
const DOTS = ['\u00B7', '\u30FB', '\u2022', '\u2027', '\u2219', '\u22C5', '\uFF65', '\uFF0E', '\u0387', '\u2E31'];
const GIVEN = [
  '阿依古丽',
  '古丽娜尔',
  '热依拉',
  '帕提古丽',
  '阿米娜',
  '努尔妮萨',
  '迪丽拜尔',
  '玛依拉',
  '再娜甫',
  '祖丽胡玛',
];
const NAMES = GIVEN.map((g) => `${g}·吐尔逊`); // as stored (U+00B7)
const RARE = '𠈌·阿依古丽';
const IDS = [
  ...GIVEN.map((_, i) => idNumber('530102', `1986-0${(i % 9) + 1}-1${i % 10}`, `2${i}1`)),
  idNumber('530102', '1984-12-24', '771'),
];
/** The name as a sheet, a bank file or the worker would type it: worker i with dot variant i. */
const typed = (i: number) => (i < NAMES.length ? NAMES[i].replace('·', DOTS[i]) : '𠈌•阿依古丽');

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
  return (await api(t, 'GET', `/api/imports/${r.json().id}`, { cookie })).json();
}

async function importErrors(jobId: string) {
  return all<{ rowNo: number; cells: Record<string, string> }>(
    t.db.owner,
    sql`select row_no as "rowNo", cells from import_row_errors where import_id = ${jobId} order by row_no`,
  );
}

async function createProject(cookie: string, regionCode: string, name: string): Promise<{ id: string; code: string }> {
  const r = await api(t, 'POST', '/api/projects', {
    cookie,
    body: {
      name,
      regionCode,
      category: 'housing',
      clientId: client,
      contractorId: contractor,
      permitNo: null,
      fundingInPlace: true,
      paymentGuarantee: true,
      contractAmountFen: 8_000_000_000,
      labourShareBp: 2500,
      allocationDay: 20,
      payDay: 15,
      contractSignedOn: '2025-06-01',
      startDate: '2025-06-10',
      plannedEndDate: '2027-06-30',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  const started = await api(t, 'PATCH', `/api/projects/${r.json().id}`, {
    cookie,
    body: { version: r.json().version, status: 'in_progress' },
  });
  expect(started.statusCode, started.body).toBe(200);
  return { id: r.json().id, code: r.json().code };
}

beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 120, seed: 5 });
  T1 = (await one<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530102' and level = 4 order by code desc limit 1`,
  ))!.code;
  T2 = (await one<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530103' and level = 4 order by code desc limit 1`,
  ))!.code;
  [client, contractor] = (
    await all<{ id: string }>(t.db.owner, sql`select id from employers order by credit_code limit 2`)
  ).map((e) => e.id);
  // A custom role holding the city-wide parameters' permission (the built-in roles give it to no officer).
  await t.db.owner.execute(
    sql`insert into roles (code, name, permissions) values ('wage_params_test', '市级欠薪参数管理（测试）', '{wages:params}')`,
  );
  // Manual scans (warnings:admin) left the officer role in the least-privilege review: a county role holding it.
  await t.db.owner.execute(
    sql`insert into roles (code, name, permissions) values ('warnings_scan_test', '区县预警扫描（测试）', '{warnings:admin}')`,
  );
  const users: [string, string[], string, 'region' | 'all'][] = [
    ['wh_officer', ['officer', 'warnings_scan_test'], '530102', 'region'],
    ['pl_officer', ['officer', 'warnings_scan_test'], '530103', 'region'],
    ['wh_params', ['officer', 'wage_params_test'], '530102', 'region'],
    ['city_params', ['leader', 'wage_params_test'], '5301', 'region'],
    ['city_leader', ['leader'], '5301', 'all'],
  ];
  for (const [username, roles, regionCode, dataScope] of users)
    await provisionUser(t.db, t.services, {
      username,
      displayName: username,
      roles,
      regionCode,
      dataScope,
      password: 'Issue8#Wages-2026x',
    });
  [wuhua, panlong, countyParams, cityParams, leader] = await Promise.all(
    users.map(([u]) => signIn(t, u, { password: 'Issue8#Wages-2026x' })),
  );
}, 240_000);
afterAll(async () => t?.close());

// ---------------------------------------------------------------- 4
describe('city-wide wage parameters and manual scans (#8 item 4)', () => {
  let P1: { id: string; code: string };
  let P2: { id: string; code: string };

  const REFUSES_THE_PARAMETERS_TO =
    'refuses the parameters to a county officer (403), to a county account even with wages:params, ' +
    'and audits before/after for the city';
  it(REFUSES_THE_PARAMETERS_TO, async () => {
    const current = (await api(t, 'GET', '/api/wages/params', { cookie: wuhua.cookie })).json();
    const changed = { ...current, paidDaysPerMonth: 22, settlementGraceDays: 20 };
    const officer = await api(t, 'PUT', '/api/wages/params', { cookie: wuhua.cookie, body: changed });
    expect(officer.statusCode, officer.body).toBe(403);
    const county = await api(t, 'PUT', '/api/wages/params', { cookie: countyParams.cookie, body: changed });
    expect(county.statusCode, county.body).toBe(403);
    expect(county.json().detail).toContain('市级');
    expect((await api(t, 'GET', '/api/wages/params', { cookie: wuhua.cookie })).json().paidDaysPerMonth).toBe(
      current.paidDaysPerMonth,
    );
    const city = await api(t, 'PUT', '/api/wages/params', { cookie: cityParams.cookie, body: changed });
    expect(city.statusCode, city.body).toBe(200);
    expect(city.json()).toMatchObject({ paidDaysPerMonth: 22, settlementGraceDays: 20 });
    const audits = await all<{
      outcome: string;
      username: string;
      detail: { changed?: string[]; before?: string; after?: string; reason?: string };
    }>(t.db.owner, sql`select outcome, username, detail from audit_log where action = 'wages.params' order by seq`);
    expect(audits.map((a) => [a.username, a.outcome])).toEqual([
      ['wh_params', 'denied'],
      ['city_params', 'success'],
    ]);
    const ok = audits[1].detail;
    expect(ok.changed!.sort()).toEqual(['paidDaysPerMonth', 'settlementGraceDays']);
    expect(JSON.parse(ok.before!)).toEqual({
      paidDaysPerMonth: current.paidDaysPerMonth,
      settlementGraceDays: current.settlementGraceDays,
    });
    expect(JSON.parse(ok.after!)).toEqual({ paidDaysPerMonth: 22, settlementGraceDays: 20 });
    // back to the defaults for the rest of the file
    expect((await api(t, 'PUT', '/api/wages/params', { cookie: cityParams.cookie, body: current })).statusCode).toBe(
      200,
    );
  });

  const SCANS_ONLY_THE_PROJECTS =
    'scans only the projects in the caller’s scope: another county’s warnings are neither cleared nor counted, ' +
    'and the scan is audited';
  it(SCANS_ONLY_THE_PROJECTS, async () => {
    P1 = await createProject(wuhua.cookie, T1, '五华区保障房二期');
    P2 = await createProject(panlong.cookie, T2, '盘龙区安置房三期');
    await t.services.engine.scanProjects([P1.id, P2.id]);
    // A live warning of 盘龙区 whose cause has gone: only a scan of 盘龙区 may clear it.
    await t.db.owner.execute(
      sql`update warnings set rule = 'wages_unpaid', month = '2025-10-01',
        finding_key = ${`wages_unpaid|${P2.id}|2025-10-01`} where project_id = ${P2.id}
        and rule = 'missing_institutions'`,
    );
    const before = await all<{ id: string; status: string; updatedAt: string }>(
      t.db.owner,
      sql`select id, status, updated_at::text as "updatedAt" from warnings where project_id = ${P2.id} order by id`,
    );
    expect(before.length).toBeGreaterThan(0);
    expect((await api(t, 'POST', '/api/warnings/scan', { cookie: leader.cookie })).statusCode).toBe(403);
    const r = await api(t, 'POST', '/api/warnings/scan', { cookie: wuhua.cookie });
    expect(r.statusCode, r.body).toBe(200);
    const inWuhua = (await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from projects where region_code like '530102%'`,
    ))!.n;
    expect(r.json().projects).toBe(inWuhua);
    const after = await all<{ id: string; status: string; updatedAt: string }>(
      t.db.owner,
      sql`select id, status, updated_at::text as "updatedAt" from warnings where project_id = ${P2.id} order by id`,
    );
    expect(after).toEqual(before);
    const audit = await one<{ username: string; objectId: string; detail: { projects: number } }>(
      t.db.owner,
      sql`select username, object_id as "objectId", detail from audit_log where action = 'warning.scan'
        order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ username: 'wh_officer', objectId: '530102', detail: { projects: inWuhua } });
    // 盘龙区's own scan clears it.
    const own = await api(t, 'POST', '/api/warnings/scan', { cookie: panlong.cookie });
    expect(own.json().cleared).toBeGreaterThanOrEqual(1);
  });
});

// ---------------------------------------------------------------- 8
describe('names in one normal form through every module that compares them (#8 item 8)', () => {
  let P: { id: string; code: string };
  const pw: string[] = [];
  const accountNo = '6217001234567800011';

  const REGISTERS_THE_NAMES_A =
    'registers the names (a variant dot at registration is stored as U+00B7, ' +
    '𠈌 kept) and finds them in the registry by any dot';
  it(REGISTERS_THE_NAMES_A, async () => {
    for (const [i, id] of IDS.entries()) {
      const name = i === 0 ? NAMES[0].replace('·', DOTS[1]) : i < NAMES.length ? NAMES[i] : '𠈌•阿依古丽';
      const r = await api(t, 'POST', '/api/workers', {
        cookie: wuhua.cookie,
        body: {
          name,
          idNumber: id,
          ethnicity: '03',
          education: '30',
          hukouRegionCode: '530102',
          residenceRegionCode: T1,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().name).toBe(i < NAMES.length ? NAMES[i] : RARE);
    }
    for (const [i, dot] of DOTS.entries()) {
      const q = `${GIVEN[i]}${dot}吐`;
      const found = (await api(t, 'GET', `/api/workers?q=${encodeURIComponent(q)}`, { cookie: wuhua.cookie })).json();
      expect(
        found.items.map((w: { name: string }) => w.name),
        q,
      ).toEqual([NAMES[i]]);
    }
    const rare = (
      await api(t, 'GET', `/api/workers?q=${encodeURIComponent('𠈌・阿')}`, { cookie: wuhua.cookie })
    ).json();
    expect(rare.items.map((w: { name: string }) => w.name)).toEqual([RARE]);
  });

  it('enrols them on a project and finds them in the workforce by any dot', async () => {
    P = await createProject(wuhua.cookie, T1, '五华区学校扩建工程');
    for (const id of IDS) {
      const r = await api(t, 'POST', `/api/projects/${P.id}/workers`, {
        cookie: wuhua.cookie,
        body: { idNumber: id, entryDate: '2025-11-01' },
      });
      expect(r.statusCode, r.body).toBe(201);
      pw.push(r.json().id);
    }
    const list = (
      await api(t, 'GET', `/api/projects/${P.id}/workers?q=${encodeURIComponent(`${GIVEN[1]}・`)}`, {
        cookie: wuhua.cookie,
      })
    ).json();
    expect(list.total).toBe(1);
  });

  it('accepts attendance, wage sheets and bank results whose names use any dot variant or 𠈌', async () => {
    const rows = IDS.map((id, i) => ({ id, name: typed(i) }));
    const att = await upload(
      `/api/projects/${P.id}/attendance/upload`,
      wuhua.cookie,
      '考勤2026-01.csv',
      ['考勤月份,姓名,公民身份号码,出勤天数', ...rows.map((r) => `2026-01,${r.name},${r.id},20`)].join('\n'),
    );
    expect(att, JSON.stringify(await importErrors(att.id))).toMatchObject({
      status: 'done',
      okRows: rows.length,
      errorRows: 0,
    });
    const sheet = [
      '工资月份,姓名,公民身份号码,出勤天数,应发工资（元）,代扣代缴及扣款（元）,实发工资（元）,发放日期,本人签字确认',
    ];
    for (const m of ['2025-11', '2025-12', '2026-01'])
      sheet.push(...rows.map((r) => `${m},${r.name},${r.id},20,2000.00,0,2000.00,,是`));
    const payroll = await upload(`/api/projects/${P.id}/payrolls`, wuhua.cookie, '工资表.csv', sheet.join('\n'));
    expect(payroll, JSON.stringify(await importErrors(payroll.id))).toMatchObject({
      status: 'done',
      okRows: rows.length * 3,
      errorRows: 0,
    });
    const acc = await api(t, 'PUT', `/api/projects/${P.id}/account`, {
      cookie: wuhua.cookie,
      body: { bankName: '中国农业银行昆明五华支行', accountNo, openedOn: '2025-06-20' },
    });
    expect(acc.statusCode, acc.body).toBe(200);
    // Everyone but the last worker (𠈌) is paid for 2026-01.
    const bank = [
      '付款账号,工资月份,收款人姓名,公民身份号码,金额（元）,代发结果,失败原因,银行流水号,代发日期',
      ...rows
        .slice(0, -1)
        .map((r, i) => `${accountNo},2026-01,${r.name},${r.id},2000.00,成功,,NM2026021500${i},2026-02-15`),
    ];
    const paid = await upload(`/api/projects/${P.id}/bank-payments`, wuhua.cookie, '代发.csv', bank.join('\n'));
    expect(paid, JSON.stringify(await importErrors(paid.id))).toMatchObject({
      status: 'done',
      okRows: rows.length - 1,
      errorRows: 0,
    });
    // A different name is still refused.
    const wrong = await upload(
      `/api/projects/${P.id}/attendance/upload`,
      wuhua.cookie,
      '考勤-错名.csv',
      ['考勤月份,姓名,公民身份号码,出勤天数', `2026-01,${GIVEN[0]}·吐尔,${IDS[0]},20`].join('\n'),
    );
    expect(wrong.errorRows).toBe(1);
    expect((await importErrors(wrong.id))[0].cells.name).toContain('姓名与身份证号不符');
  });

  const LETS_EACH_WORKER_LOOK =
    'lets each worker look up their wages with any dot variant, full-width spaces or 𠈌, and nobody with another name';
  it(LETS_EACH_WORKER_LOOK, async () => {
    let client = 0; // the lookup is rate-limited per client address (10 a minute)
    for (const [i, id] of IDS.entries()) {
      for (const name of [typed(i), typed(i).replace(/(.)$/u, '$1\u3000'), `\u3000${typed(i)}`]) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/public/wage-lookup',
          remoteAddress: `10.8.0.${++client}`,
          payload: { projectCode: P.code, idNumber: id, name },
        });
        expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
        expect(r.json().months.map((m: { month: string }) => m.month)).toEqual([
          '2026-01-01',
          '2025-12-01',
          '2025-11-01',
        ]);
      }
    }
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/wage-lookup',
      remoteAddress: '10.8.1.1',
      payload: { projectCode: P.code, idNumber: IDS[0], name: GIVEN[0] },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('carries the 𠈌 name through an arrears case and its evidence package, masked by code points', async () => {
    const rare = pw[pw.length - 1];
    const c = await api(t, 'POST', '/api/arrears', {
      cookie: wuhua.cookie,
      body: {
        projectId: P.id,
        employerId: contractor,
        summary: '2026 年 1 月工资未发',
        items: [{ projectWorkerId: rare, month: '2026-01', amountFen: 200_000 }],
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const d = (await api(t, 'GET', `/api/arrears/${c.json().id}`, { cookie: wuhua.cookie })).json();
    expect(d.items.map((i: { name: string }) => i.name)).toEqual([maskName(RARE)]);
    expect(maskName(RARE)).toBe('𠈌****丽');
    const ev = await api(t, 'GET', `/api/arrears/${c.json().id}/evidence`, { cookie: wuhua.cookie });
    expect(ev.body).toContain('𠈌****丽');
    expect(ev.body).not.toContain(RARE);
  });
});

// ---------------------------------------------------------------- 9
describe('the dashboard opens on the caller’s own region and names the region of its figures (#8 item 9)', () => {
  it('opens on the city for a city leader, with every project of the city', async () => {
    const d = await api(t, 'GET', '/api/wages/dashboard', { cookie: leader.cookie });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().region).toMatchObject({ code: '5301', level: 2 });
    const all_ = (await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from projects where region_code like '5301%'`,
    ))!.n;
    expect(all_).toBeGreaterThanOrEqual(3);
    expect(d.json().totals.projects).toBe(all_);
  });

  it('answers a region inside the scope with that region’s figures, and refuses one above or beside it', async () => {
    const county = (await api(t, 'GET', '/api/wages/dashboard', { cookie: wuhua.cookie })).json();
    expect(county.region.code).toBe('530102');
    const inCounty = (await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from projects where region_code like '530102%'`,
    ))!.n;
    expect(county.totals.projects).toBe(inCounty);
    const town = (await api(t, 'GET', `/api/wages/dashboard?regionCode=${T1}`, { cookie: wuhua.cookie })).json();
    expect(town.region.code).toBe(T1);
    expect(town.totals.projects).toBe(
      (await one<{ n: number }>(
        t.db.owner,
        sql`select count(*)::int as n from projects where region_code like ${T1 + '%'}`,
      ))!.n,
    );
    // The city is above a county officer: not the county's figures under the city's name.
    const up = await api(t, 'GET', '/api/wages/dashboard?regionCode=5301', { cookie: wuhua.cookie });
    expect(up.statusCode).toBe(404);
    expect(up.json().detail).toMatch(/[\u4e00-\u9fa5]/);
    expect((await api(t, 'GET', '/api/wages/dashboard?regionCode=530103', { cookie: wuhua.cookie })).statusCode).toBe(
      404,
    );
    const leaderCounty = (
      await api(t, 'GET', '/api/wages/dashboard?regionCode=530102', { cookie: leader.cookie })
    ).json();
    expect(leaderCounty.region.code).toBe('530102');
    expect(leaderCounty.totals.projects).toBe(inCounty);
  });
});

// ---------------------------------------------------------------- 12
describe('wage workflow errors (#8 item 12)', () => {
  let P: { id: string; code: string };
  let metCase: string;
  let unmetCase: string;

  it('refuses a payment order of 0 working days (or over 30) with a Chinese message on the field', async () => {
    P = await createProject(wuhua.cookie, T1, '五华区道路改造工程');
    const id = idNumber('530102', '1979-07-07', '913');
    expect(
      (
        await api(t, 'POST', '/api/workers', {
          cookie: wuhua.cookie,
          body: {
            name: '马德福',
            idNumber: id,
            ethnicity: '03',
            education: '30',
            hukouRegionCode: '530102',
            residenceRegionCode: T1,
          },
        })
      ).statusCode,
    ).toBe(201);
    const pw = (
      await api(t, 'POST', `/api/projects/${P.id}/workers`, {
        cookie: wuhua.cookie,
        body: { idNumber: id, entryDate: '2025-11-01' },
      })
    ).json().id;
    for (const month of ['2025-11', '2025-12', '2026-01']) {
      const r = await api(t, 'POST', `/api/projects/${P.id}/payrolls/manual`, {
        cookie: wuhua.cookie,
        body: {
          month,
          lines: [
            { projectWorkerId: pw, days: 22, payableFen: 200_000, deductionsFen: 0, netFen: 200_000, confirmed: true },
          ],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const met = await api(t, 'POST', '/api/arrears', {
      cookie: wuhua.cookie,
      body: {
        projectId: P.id,
        employerId: contractor,
        summary: '由预警 #22“工资未按月足额支付”核实立案：马德福三个月工资未发',
        items: ['2025-11', '2025-12', '2026-01'].map((month) => ({ projectWorkerId: pw, month, amountFen: 180_000 })),
      },
    });
    expect(met.statusCode, met.body).toBe(201);
    metCase = met.json().id;
    expect((await api(t, 'GET', `/api/arrears/${metCase}`, { cookie: wuhua.cookie })).json().criminal.met).toBe(true);
    const unmet = await api(t, 'POST', '/api/arrears', {
      cookie: wuhua.cookie,
      body: {
        projectId: P.id,
        employerId: contractor,
        summary: '一个月工资差额',
        items: [{ projectWorkerId: pw, month: '2026-01', amountFen: 10_000 }],
      },
    });
    expect(unmet.statusCode, unmet.body).toBe(201);
    unmetCase = unmet.json().id;
    for (const dueWorkingDays of [0, -1, 31]) {
      const r = await api(t, 'POST', `/api/arrears/${unmetCase}/order`, {
        cookie: wuhua.cookie,
        body: { orderNo: '五人社监令〔2026〕9号', orderedOn: '2026-03-02', dueWorkingDays },
      });
      expect(r.statusCode, `${dueWorkingDays}: ${r.body}`).toBe(400);
      expect(r.json().errors[0].path).toBe('dueWorkingDays');
      expect(r.json().detail).toContain('工作日');
    }
  });

  const REFUSES_A_LISTING_ON =
    'refuses a listing on the criminal-threshold ground when the case does not meet it, accepts it when it does';
  it(REFUSES_A_LISTING_ON, async () => {
    const body = {
      employerId: contractor,
      basis:
        '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条第一项：克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准',
      reason: '由预警 #22“工资未按月足额支付”核实立案（欠薪案件 #3，承办人 wh_officer）',
      decisionNo: '五人社失〔2026〕2号',
      listedOn: '2026-03-01',
    };
    const refused = await api(t, 'POST', '/api/defaulters', {
      cookie: wuhua.cookie,
      body: { ...body, caseId: unmetCase },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors[0].path).toBe('basis');
    expect(refused.json().detail).toContain('未达到');
    expect(
      (await one<{ n: number }>(
        t.db.owner,
        sql`select count(*)::int as n from defaulters where employer_id = ${contractor}`,
      ))!.n,
    ).toBe(0);
    const listed = await api(t, 'POST', '/api/defaulters', {
      cookie: wuhua.cookie,
      body: { ...body, caseId: metCase },
    });
    expect(listed.statusCode, listed.body).toBe(201);
  });

  const COMPOSES_THE_PUBLIC_DEFAULTER =
    'composes the public defaulter list from public fields only (no warning or case numbers, no handler)';
  it(COMPOSES_THE_PUBLIC_DEFAULTER, async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/defaulters' });
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((i: { creditCode: string }) => i.creditCode);
    expect(Object.keys(item).sort()).toEqual([
      'basis',
      'creditCode',
      'employerName',
      'expiresOn',
      'listedOn',
      'reason',
    ]);
    expect(item.reason).toBe(
      '克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准，经人力资源社会保障行政部门依法作出列入决定（五人社失〔2026〕2号）',
    );
    for (const internal of ['预警', '#', '案件', 'wh_officer', '承办']) expect(pub.body).not.toContain(internal);
    // Officers still see what they wrote.
    const own = (await api(t, 'GET', '/api/defaulters', { cookie: wuhua.cookie })).json();
    expect(own.items[0].reason).toContain('预警 #22');
  });

  it('names the department in the disposal history, never its code', async () => {
    await t.services.engine.scanProjects([P.id]);
    const w = (await api(t, 'GET', `/api/warnings?projectId=${P.id}&status=live`, { cookie: wuhua.cookie })).json()
      .items[0];
    const hrss = (await one<{ name: string }>(t.db.owner, sql`select name from departments where code = 'hrss'`))!.name;
    expect(w.departmentName).toBe(
      (await one<{ name: string }>(t.db.owner, sql`select name from departments where code = ${w.departmentCode}`))!
        .name,
    );
    const assigned = await api(t, 'POST', `/api/warnings/${w.id}/assign`, {
      cookie: wuhua.cookie,
      body: { departmentCode: 'hrss', note: '请核实' },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const step = assigned.json().actions.find((a: { action: string }) => a.action === 'assigned');
    expect(step.note).toBe(`承办部门：${hrss}；请核实`);
    expect(JSON.stringify(assigned.json().actions)).not.toMatch(/\bhrss\b/);
    // A step written before the fix (raw code in the note) is shown with the name too.
    await t.db.owner.execute(
      sql`update warning_actions set note = '承办部门：hrss；请核实' where warning_id = ${w.id} and action = 'assigned'`,
    );
    const again = (await api(t, 'GET', `/api/warnings/${w.id}`, { cookie: wuhua.cookie })).json();
    expect(again.actions.find((a: { action: string }) => a.action === 'assigned').note).toBe(
      `承办部门：${hrss}；请核实`,
    );
  });
});

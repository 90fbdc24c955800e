/**
 * Grids (网格) and inspection work through the API: CRUD with inspectors chosen from the user picker, region scope
 * (a county officer cannot create a grid outside its county), grid reports filed as complaints (channel 'grid'),
 * patrols, campaigns and written reviews.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let wuhua: { cookie: string };
let panlong: { cookie: string };
let leader: { cookie: string };
const ids: Record<string, string> = {};
const PASSWORD = 'Grid#Kunming-2026xy';

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [username, name, region, role] of [
    ['grid_wuhua', '五华区监察员', '530102', 'officer'],
    ['grid_wuhua2', '五华区网格员', '530102001', 'officer'],
    ['grid_panlong', '盘龙区监察员', '530103', 'officer'],
    ['grid_leader', '五华区领导', '530102', 'leader'],
  ])
    ids[username] = (
      await provisionUser(t.db, t.services, {
        username,
        displayName: name,
        roles: [role],
        regionCode: region,
        password: PASSWORD,
      })
    ).id;
  wuhua = await signIn(t, 'grid_wuhua', { password: PASSWORD });
  panlong = await signIn(t, 'grid_panlong', { password: PASSWORD });
  leader = await signIn(t, 'grid_leader', { password: PASSWORD });
});
afterAll(async () => t?.close());

describe('the user picker', () => {
  it('lists active users of the caller’s region by name, never the administrators; by ids when chosen', async () => {
    const res = await api(t, 'GET', '/api/users/assignable?q=' + encodeURIComponent('五华'), { cookie: wuhua.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(['五华区监察员', '五华区网格员', '五华区领导']));
    expect(names).not.toContain('盘龙区监察员');
    expect(res.json()[0]).toEqual({
      id: expect.any(String),
      displayName: expect.any(String),
      departmentName: null,
      regionCode: expect.stringMatching(/^530102/),
      regionName: expect.any(String),
    });
    const all = await api(t, 'GET', '/api/users/assignable?limit=50', { cookie: wuhua.cookie });
    expect(all.json().every((u: { regionCode: string }) => u.regionCode.startsWith('530102'))).toBe(true);
    const byIds = await api(t, 'GET', `/api/users/assignable?ids=${ids.grid_wuhua2},${ids.grid_panlong}`, {
      cookie: wuhua.cookie,
    });
    expect(byIds.json().map((u: { id: string }) => u.id)).toEqual([ids.grid_wuhua2]);
    const admins = await api(t, 'GET', '/api/users/assignable?q=admin', { cookie: wuhua.cookie });
    expect(admins.json()).toEqual([]);
    const bad = await api(t, 'GET', '/api/users/assignable?ids=x', { cookie: wuhua.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('人员编号格式不正确');
  });
});

describe('grids', () => {
  let gridId: string;

  it('creates a grid with inspectors, lists, searches, edits and reads it', async () => {
    const created = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '华山街道第一网格', regionCode: '530102001', inspectorIds: [ids.grid_wuhua, ids.grid_wuhua2] },
    });
    expect(created.statusCode, created.body).toBe(201);
    gridId = created.json().id;
    expect(created.json()).toMatchObject({
      name: '华山街道第一网格',
      regionCode: '530102001',
      inspectors: [
        { id: ids.grid_wuhua, displayName: '五华区监察员' },
        { id: ids.grid_wuhua2, displayName: '五华区网格员' },
      ],
      note: null,
    });
    const row = await one<{ county: string }>(
      t.db.owner,
      sql`select county_code as county from grids where id = ${gridId}`,
    );
    expect(row!.county).toBe('530102');
    const dup = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '华山街道第一网格', regionCode: '530102002', inspectorIds: [] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('本区（县）已有名为「华山街道第一网格」的网格');

    const list = await api(t, 'GET', '/api/grids?q=' + encodeURIComponent('华山'), { cookie: wuhua.cookie });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: gridId }] });
    expect((await api(t, 'GET', '/api/grids', { cookie: leader.cookie })).json().total).toBe(1);

    const edited = await api(t, 'PUT', `/api/grids/${gridId}`, {
      cookie: wuhua.cookie,
      body: { name: '华山网格', regionCode: '530102001', inspectorIds: [ids.grid_wuhua2], note: '含3个社区' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '华山网格', note: '含3个社区', inspectors: [{ id: ids.grid_wuhua2 }] });
    const moved = await api(t, 'PUT', `/api/grids/${gridId}`, {
      cookie: wuhua.cookie,
      body: { name: '华山网格', regionCode: '530102002', inspectorIds: [] },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().detail).toBe('网格范围不能修改（请删除后重新划分）');
    expect((await api(t, 'GET', `/api/grids/${gridId}`, { cookie: wuhua.cookie })).json().name).toBe('华山网格');
  });

  it('keeps grids to the caller’s region: another county’s officer neither creates nor sees them', async () => {
    const outside = await api(t, 'POST', '/api/grids', {
      cookie: panlong.cookie,
      body: { name: '越界网格', regionCode: '530102003', inspectorIds: [] },
    });
    expect(outside.statusCode).toBe(404);
    expect((await api(t, 'GET', `/api/grids/${gridId}`, { cookie: panlong.cookie })).statusCode).toBe(404);
    expect((await api(t, 'GET', '/api/grids', { cookie: panlong.cookie })).json().total).toBe(0);
    const edit = await api(t, 'PUT', `/api/grids/${gridId}`, {
      cookie: panlong.cookie,
      body: { name: 'x', regionCode: '530102001', inspectorIds: [] },
    });
    expect(edit.statusCode).toBe(404);
    expect((await api(t, 'DELETE', `/api/grids/${gridId}`, { cookie: panlong.cookie })).statusCode).toBe(404);
    // An inspector the caller cannot see (another county) is refused.
    const foreign = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '新网格', regionCode: '530102002', inspectorIds: [ids.grid_panlong] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().detail).toBe('人员不存在、已停用或不在您的管辖范围内（1 人）');
    // A leader reads but does not manage.
    const byLeader = await api(t, 'POST', '/api/grids', {
      cookie: leader.cookie,
      body: { name: '领导网格', regionCode: '530102002', inspectorIds: [] },
    });
    expect(byLeader.statusCode).toBe(403);
  });

  it('refuses bad input with Chinese messages', async () => {
    const county = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '区级网格', regionCode: '530102', inspectorIds: [] },
    });
    expect(county.statusCode).toBe(400);
    expect(county.json().detail).toBe('网格范围须为乡镇（街道）或村（社区）');
    const missing = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '不存在', regionCode: '530102999', inspectorIds: [] },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toBe('行政区划不存在');
    const noName = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: ' ', regionCode: '530102001', inspectorIds: [] },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('请填写网格名称');
  });

  it('files a grid report as a complaint through channel grid, inside the grid only', async () => {
    const body = {
      regionCode: '530102001',
      complainantName: '王五',
      phone: '13612345678',
      employerName: '华山某餐饮公司',
      claims: [{ kind: 'wages', amountFen: 300_000, description: '两个月工资' }],
      summary: '网格员巡查发现拖欠工资线索',
    };
    const res = await api(t, 'POST', `/api/grids/${gridId}/reports`, { cookie: wuhua.cookie, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ type: 'complaint', state: 'filed' });
    const row = await one<{ channel: string }>(
      t.db.owner,
      sql`select channel from complaints where case_id = ${res.json().id}`,
    );
    expect(row!.channel).toBe('grid');
    const outside = await api(t, 'POST', `/api/grids/${gridId}/reports`, {
      cookie: wuhua.cookie,
      body: { ...body, regionCode: '530102002' },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toBe('线索所在地须在网格「华山网格」的范围内');
  });

  it('records patrols, campaigns and written reviews; a grid with patrols is not deleted', async () => {
    const patrol = await api(t, 'POST', '/api/inspections', {
      cookie: wuhua.cookie,
      body: {
        kind: 'patrol',
        title: '三月日常巡查',
        gridId,
        startsOn: '2026-03-02',
        inspectorIds: [ids.grid_wuhua2],
        findings: '检查 5 家单位工资支付情况',
      },
    });
    expect(patrol.statusCode, patrol.body).toBe(201);
    expect(patrol.json()).toMatchObject({
      kind: 'patrol',
      kindName: '日常巡查',
      gridName: '华山网格',
      regionCode: '530102001',
      status: 'open',
    });
    const campaign = await api(t, 'POST', '/api/inspections', {
      cookie: wuhua.cookie,
      body: {
        kind: 'campaign',
        title: '冬季根治欠薪专项行动',
        regionCode: '530102',
        startsOn: '2026-01-05',
        endsOn: '2026-02-10',
        inspectorIds: [ids.grid_wuhua, ids.grid_wuhua2],
      },
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    expect(campaign.json().inspectors).toHaveLength(2);
    const backwards = await api(t, 'POST', '/api/inspections', {
      cookie: wuhua.cookie,
      body: { kind: 'campaign', title: 'x', regionCode: '530102', startsOn: '2026-02-10', endsOn: '2026-01-05' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('结束日期不能早于开始日期');
    const emptyReview = await api(t, 'POST', '/api/inspections', {
      cookie: wuhua.cookie,
      body: { kind: 'review', title: '年度书面审查', regionCode: '530102', startsOn: '2026-03-02' },
    });
    expect(emptyReview.statusCode).toBe(400);
    expect(emptyReview.json().detail).toBe('书面审查须列出被审查的用工单位');
    const review = await api(t, 'POST', '/api/inspections', {
      cookie: wuhua.cookie,
      body: {
        kind: 'review',
        title: '2026 年度书面审查',
        regionCode: '530102',
        startsOn: '2026-03-02',
        employers: [
          { name: '甲建筑公司', submitted: true, findings: '材料齐全' },
          { name: '乙劳务公司', submitted: false },
        ],
      },
    });
    expect(review.statusCode, review.body).toBe(201);
    expect(review.json()).toMatchObject({
      submittedCount: 1,
      employers: [{ name: '甲建筑公司' }, { name: '乙劳务公司' }],
    });
    const done = await api(t, 'PATCH', `/api/inspections/${review.json().id}`, {
      cookie: wuhua.cookie,
      body: {
        employers: [
          { name: '甲建筑公司', submitted: true, findings: '材料齐全' },
          { name: '乙劳务公司', submitted: true, findings: '补交，未发现欠薪' },
        ],
        status: 'done',
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ submittedCount: 2, status: 'done' });
    const again = await api(t, 'PATCH', `/api/inspections/${review.json().id}`, {
      cookie: wuhua.cookie,
      body: { findings: '再改' },
    });
    expect(again.statusCode).toBe(409);

    const list = await api(t, 'GET', '/api/inspections?kind=review', { cookie: wuhua.cookie });
    expect(list.json()).toMatchObject({ total: 1, items: [{ title: '2026 年度书面审查' }] });
    expect((await api(t, 'GET', '/api/inspections', { cookie: panlong.cookie })).json().total).toBe(0);
    expect((await api(t, 'GET', `/api/inspections?gridId=${gridId}`, { cookie: wuhua.cookie })).json().total).toBe(1);
    const outside = await api(t, 'POST', '/api/inspections', {
      cookie: panlong.cookie,
      body: { kind: 'patrol', title: '越界巡查', gridId, startsOn: '2026-03-02' },
    });
    expect(outside.statusCode).toBe(404);

    const del = await api(t, 'DELETE', `/api/grids/${gridId}`, { cookie: wuhua.cookie });
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toBe('该网格已有 1 条巡查记录，不能删除');
    const spare = await api(t, 'POST', '/api/grids', {
      cookie: wuhua.cookie,
      body: { name: '待删除网格', regionCode: '530102002', inspectorIds: [] },
    });
    expect((await api(t, 'DELETE', `/api/grids/${spare.json().id}`, { cookie: wuhua.cookie })).statusCode).toBe(204);
    expect((await api(t, 'GET', `/api/grids/${spare.json().id}`, { cookie: wuhua.cookie })).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('divides grids for the demo city with inspectors, patrols, the winter campaign and written reviews', async () => {
    const { loadDemoGrids } = await import('../../demo.js');
    const r = await loadDemoGrids(t.db, t.services, {
      cityCode: '5301',
      today: '2026-03-02',
      counties: 2,
      townships: 3,
    });
    expect(r).toEqual({ grids: 6, activities: 10 });
    const grids = await api(t, 'GET', '/api/grids?pageSize=200', { cookie: wuhua.cookie });
    const demo = grids.json().items.filter((g: { name: string }) => g.name.endsWith('街道网格'));
    expect(demo.length).toBeGreaterThan(0);
    // 五华区's officer (county level) is an inspector of every township grid of 五华区.
    for (const g of demo.filter((x: { regionCode: string }) => x.regionCode.startsWith('530102')))
      expect(g.inspectors.map((i: { id: string }) => i.id)).toContain(ids.grid_wuhua);
    const campaigns = await api(t, 'GET', '/api/inspections?kind=campaign', { cookie: wuhua.cookie });
    expect(campaigns.json().items).toContainEqual(
      expect.objectContaining({
        title: '2025—2026 年冬季根治欠薪专项行动',
        startsOn: '2025-11-15',
        endsOn: '2026-02-15',
        status: 'done',
      }),
    );
    const reviews = await api(t, 'GET', '/api/inspections?kind=review&pageSize=50', { cookie: wuhua.cookie });
    const demoReview = reviews.json().items.find((x: { title: string }) => x.title.startsWith('2026 年度用人单位'));
    expect(demoReview).toMatchObject({ submittedCount: 2 });
    expect(demoReview.employers).toHaveLength(3);
  });
});

/**
 * The case engine on a database: opening, transitions with their clock effects, the append-only history, the
 * escalation sweep (each rung exactly once — run twice, run concurrently), and the re-projection of every
 * running clock when the calendar is edited.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, pgErrorMessage, SYSTEM_SCOPE } from '../../db/client.js';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import type { Principal } from '../access/principal.js';
import { HttpError } from '../http/errors.js';
import type { CaseTypeDef } from './caseTypes.js';
import { ClockReprojection } from './reprojection.service.js';

let t: TestPlatform;
let boss: Principal;
let clerk: Principal;

const TYPE: CaseTypeDef = {
  code: 'engine_test',
  name: '引擎测试案件',
  readPermission: 'cases:read',
  states: [
    { code: 'filed', name: '待受理', initial: true },
    { code: 'open', name: '办理中' },
    { code: 'closed', name: '已结案', final: true },
  ],
  clocks: [
    { code: 'decide', name: '受理时限', unit: 'working', budget: 5, maxExtension: 0, startsOnCreate: true },
    { code: 'handle', name: '办理时限', unit: 'working', budget: 60, maxExtension: 30 },
  ],
  transitions: [
    {
      event: 'accept',
      name: '受理',
      from: ['filed'],
      to: 'open',
      permission: 'cases:read',
      fields: [{ field: 'handlers', label: '承办人', kind: 'users', min: 2 }],
      effects: [
        { kind: 'stopClock', clock: 'decide' },
        { kind: 'startClock', clock: 'handle' },
        { kind: 'assign', userField: 'handlers' },
      ],
    },
    {
      event: 'extend',
      name: '延长办理期限',
      from: ['open'],
      to: 'open',
      permission: 'cases:read',
      roles: ['supervisor'],
      fields: [
        { field: 'days', label: '延长天数', kind: 'days' },
        { field: 'reason', label: '延长理由', kind: 'text' },
      ],
      effects: [{ kind: 'extendClock', clock: 'handle', daysField: 'days' }],
    },
    {
      event: 'suspend',
      name: '中止',
      from: ['open'],
      to: 'open',
      permission: 'cases:read',
      fields: [{ field: 'reason', label: '中止理由', kind: 'text' }],
      effects: [{ kind: 'suspendClock', clock: 'handle' }],
    },
    {
      event: 'resume',
      name: '恢复',
      from: ['open'],
      to: 'open',
      permission: 'cases:read',
      fields: [{ field: 'reason', label: '恢复理由', kind: 'text' }],
      effects: [{ kind: 'resumeClock', clock: 'handle' }],
    },
    { event: 'close', name: '结案', from: ['open'], to: 'closed', permission: 'cases:read' },
  ],
};

function principal(id: string, roles: string[]): Principal {
  return {
    userId: id,
    username: 'u' + id.slice(0, 4),
    displayName: '测试人员',
    departmentId: null,
    departmentName: null,
    regionCode: '5301',
    dataScope: 'all',
    roles: roles.map((code) => ({ id: code, code, name: code, adminRole: false })),
    permissions: new Set(['cases:read']),
    via: 'session',
    ip: '127.0.0.1',
  };
}

async function openCase(title: string, groupSize: number | null = null) {
  return t.db.scoped(SYSTEM_SCOPE, (tx) =>
    t.services.cases.open(tx, null, {
      type: TYPE.code,
      title,
      regionCode: '530102001',
      parties: [],
      data: {},
      groupSize,
      ownerId: null,
      departmentId: null,
    }),
  );
}

const rungs = async (caseId: string) =>
  (
    await all<{ rung: string }>(
      t.db.owner,
      sql`select g.rung from case_clock_rungs g
        join case_clocks k on k.county_code = g.county_code and k.id = g.clock_id
        where k.case_id = ${caseId} order by g.rung`,
    )
  ).map((r) => r.rung);

beforeAll(async () => {
  t = await startTestPlatform(); // the clock: 2026-03-02 10:00 in Shanghai, a Monday
  t.services.cases.registerType(TYPE);
  const users = await all<{ id: string; username: string }>(t.db.owner, sql`select id, username from users`);
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  boss = principal(id('sysadmin'), ['supervisor']);
  clerk = principal(id('secadmin'), ['officer']);
});
afterAll(async () => t?.close());

describe('the case engine', () => {
  it('opens a case in its initial state with its filing clock running', async () => {
    const c = await openCase('甲公司拖欠工资');
    const d = await t.services.cases.get(clerk, c.id);
    expect(d).toMatchObject({ state: 'filed', stateName: '待受理', typeName: '引擎测试案件', escalated: false });
    expect(d.clocks).toHaveLength(1);
    expect(d.clocks[0]).toMatchObject({
      code: 'decide',
      startedOn: '2026-03-02',
      dueOn: '2026-03-09',
      level: 'normal',
    });
    expect(d.history.map((h) => h.kind)).toEqual(['created']);
    expect(d.transitions.map((x) => x.event)).toEqual(['accept']);
  });

  it('transitions with effects; refuses by state, role, fields and the statutory maximum', async () => {
    const c = await openCase('乙公司拖欠工资');
    const refuse = async (p: Principal, event: string, fields: Record<string, unknown>) => {
      try {
        await t.services.cases.transition(p, c.id, { event, fields });
      } catch (e) {
        return { status: (e as HttpError).status, message: (e as HttpError).message };
      }
      throw new Error('not refused');
    };
    expect(await refuse(clerk, 'close', {})).toEqual({ status: 409, message: '当前状态「待受理」不能执行「结案」' });
    expect(await refuse(clerk, 'accept', { handlers: [clerk.userId] })).toEqual({
      status: 400,
      message: '承办人至少需要 2 人（现有 1 人）',
    });
    const d = await t.services.cases.transition(clerk, c.id, {
      event: 'accept',
      fields: { handlers: [clerk.userId, boss.userId] },
    });
    expect(d).toMatchObject({ state: 'open', assigneeId: clerk.userId });
    const decide = d.clocks.find((k) => k.code === 'decide')!;
    const handle = d.clocks.find((k) => k.code === 'handle')!;
    expect(decide.stoppedOn).toBe('2026-03-02');
    expect(handle).toMatchObject({ startedOn: '2026-03-02', total: 60, stoppedOn: null });
    expect(await refuse(clerk, 'extend', { days: 10, reason: '案情复杂' })).toEqual({
      status: 403,
      message: '您的角色不能执行「延长办理期限」',
    });
    const e1 = await t.services.cases.transition(boss, c.id, {
      event: 'extend',
      fields: { days: 20, reason: '案情复杂' },
    });
    expect(e1.clocks.find((k) => k.code === 'handle')).toMatchObject({ total: 80, extension: 20 });
    expect(await refuse(boss, 'extend', { days: 11, reason: '再延' })).toEqual({
      status: 400,
      message: '延长后共 31个工作日，超过法定最长延长 30个工作日（已延长 20个工作日）',
    });
    await t.services.cases.transition(clerk, c.id, { event: 'suspend', fields: { reason: '等待司法鉴定' } });
    expect(await refuse(clerk, 'suspend', { reason: '再次中止' })).toEqual({ status: 409, message: '办理时限已中止' });
    const suspended = await t.services.cases.get(clerk, c.id);
    expect(suspended.clocks.find((k) => k.code === 'handle')).toMatchObject({ suspended: true, dueOn: null });
    await t.services.cases.transition(clerk, c.id, { event: 'resume', fields: { reason: '鉴定完成' } });
    const closed = await t.services.cases.transition(clerk, c.id, { event: 'close', fields: {} });
    expect(closed.state).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.clocks.every((k) => k.stoppedOn !== null)).toBe(true);
    expect(closed.history.map((h) => `${h.kind}:${h.event ?? ''}`)).toEqual([
      'created:',
      'transition:accept',
      'clock:extend',
      'transition:extend',
      'clock:suspend',
      'transition:suspend',
      'clock:resume',
      'transition:resume',
      'transition:close',
    ]);
    expect(await refuse(clerk, 'close', {})).toEqual({
      status: 409,
      message: '案件已处于终结状态「已结案」，不能再执行「结案」',
    });
    const audited = await all<{ outcome: string }>(
      t.db.owner,
      sql`select outcome from audit_log where action = 'case.transition' and object_id = ${c.id}`,
    );
    expect(audited.filter((a) => a.outcome === 'success')).toHaveLength(5);
    expect(audited.filter((a) => a.outcome === 'failure').length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the history append-only for the application role', async () => {
    const c = await openCase('丙公司拖欠工资');
    const denied = (e: unknown) => /permission denied/.test(pgErrorMessage(e));
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) =>
        tx.execute(sql`update case_history set kind = 'comment' where case_id = ${c.id}`),
      ),
    ).rejects.toSatisfy(denied);
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) => tx.execute(sql`delete from case_history where case_id = ${c.id}`)),
    ).rejects.toSatisfy(denied);
    await expect(t.db.scoped(SYSTEM_SCOPE, (tx) => tx.execute(sql`delete from case_clock_rungs`))).rejects.toSatisfy(
      denied,
    );
  });

  it('escalates a group case at once', async () => {
    const c = await openCase('丁项目 35 名工人集体讨薪', 35);
    const d = await t.services.cases.get(clerk, c.id);
    expect(d.escalated).toBe(true);
    expect(d.escalationReason).toBe('群体性案件（35 人），立即升级督办');
  });

  it('fires each rung exactly once: a sweep run twice and two sweeps at once', async () => {
    const c = await openCase('戊公司拖欠工资');
    const { cases } = t.services;
    // 2026-03-06: 4 of 5 working days used → amber.
    await Promise.all([cases.sweep('2026-03-06'), cases.sweep('2026-03-06')]);
    expect(await rungs(c.id)).toEqual(['amber']);
    await cases.sweep('2026-03-06');
    expect(await rungs(c.id)).toEqual(['amber']);
    // 2026-03-10: overdue → red and the supervisor escalation, once, however many sweeps run.
    const results = await Promise.all([
      cases.sweep('2026-03-10'),
      cases.sweep('2026-03-10'),
      cases.sweep('2026-03-10'),
    ]);
    await cases.sweep('2026-03-11');
    expect(await rungs(c.id)).toEqual(['amber', 'escalate', 'red']);
    const d = await cases.get(clerk, c.id);
    expect(d.escalated).toBe(true);
    expect(d.history.filter((h) => h.kind === 'escalation').map((h) => h.event)).toEqual(['amber', 'red', 'escalate']);
    expect(results.reduce((s, r) => s + r.fired, 0)).toBeGreaterThanOrEqual(2);
    const audits = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'case.rung' and object_id = ${c.id}`,
    );
    expect(audits!.n).toBe(3);
  });

  it('a rung claimed in a transaction that rolls back is claimed again by the next sweep (crash)', async () => {
    const c = await openCase('己公司拖欠工资');
    const { cases } = t.services;
    let fail = true;
    cases.onRung(async () => {
      if (fail) throw new Error('crash during the effect');
    });
    await expect(cases.sweep('2026-03-06')).rejects.toThrow('crash during the effect');
    expect(await rungs(c.id)).toEqual([]);
    fail = false;
    await cases.sweep('2026-03-06');
    expect(await rungs(c.id)).toContain('amber');
  });

  it('re-projects every running clock when the calendar is edited, and names a year without a calendar', async () => {
    const c = await openCase('庚公司拖欠工资');
    const before = await t.services.cases.get(clerk, c.id);
    expect(before.clocks[0].dueOn).toBe('2026-03-09');
    // A new holiday on 2026-03-04 (hypothetical notice): the 5 working days end one day later.
    const year = await t.services.calendar.year(2026);
    await t.services.calendar.replaceYear(
      { ...boss, permissions: new Set(['calendar:write']) },
      { ...year, days: [...year.days, { date: '2026-03-04', kind: 'holiday', name: '测试假日' }] },
    );
    // The edit queued a durable job; the background worker re-projects after the commit.
    await t.services.cases.reprojection.idle();
    const job = (await t.services.cases.reprojectionStatus({ ...boss, permissions: new Set(['calendar:write']) })).job;
    expect(job).toMatchObject({ status: 'done', reason: '工作日历修改（2026 年）' });
    expect(job!.done).toBe(job!.total);
    expect(job!.changed).toBeGreaterThan(0);
    const stored = await one<{ due: string }>(
      t.db.owner,
      sql`select due_on::text as due from case_clocks where case_id = ${c.id} and code = 'decide'`,
    );
    expect(stored!.due).toBe('2026-03-10');
    const after = await t.services.cases.get(clerk, c.id);
    expect(after.clocks[0].dueOn).toBe('2026-03-10');
    const r = await t.services.cases.reproject();
    expect(r.missingYears).toEqual([]);
    // A clock that runs into a year with no calendar: the administrators are told.
    const admin = { ...boss, permissions: new Set(['calendar:write']) };
    expect((await t.services.cases.calendarGaps(admin)).years).toEqual([]);
    t.clock.advance(3650 * 86_400_000); // ten years on: a case filed then runs through years not loaded
    await openCase('十年后的投诉');
    const gaps = await t.services.cases.calendarGaps(admin);
    t.clock.advance(-3650 * 86_400_000);
    expect(gaps.years.length).toBeGreaterThan(0);
    expect(gaps.years).toContain(2036);
    await expect(t.services.cases.calendarGaps(clerk)).rejects.toMatchObject({ status: 403 });
    await t.services.calendar.replaceYear({ ...boss, permissions: new Set(['calendar:write']) }, year);
    await t.services.cases.reprojection.idle();
  });

  it('re-projects in the background, crash-safe: an interrupted job resumes from its cursor on restart', async () => {
    for (let i = 0; i < 7; i++) await openCase(`续算测试${i}`);
    const stored = () =>
      all<{ id: string; due: string; amber: string }>(
        t.db.owner,
        sql`select id, due_on::text as due, amber_on::text as amber from case_clocks where stopped_on is null
          order by county_code, id`,
      );
    const right = await stored();
    expect(right.length).toBeGreaterThanOrEqual(7);
    // Every stored projection made stale (as a calendar edit would), then a job queued.
    await t.db.owner.execute(
      sql`update case_clocks set due_on = due_on + 1, amber_on = amber_on + 1 where stopped_on is null`,
    );
    const jobId = await t.db.scoped(SYSTEM_SCOPE, (tx) => t.services.cases.reprojection.request(tx, '续算测试', null));
    // A worker that dies after one batch of 3 clocks (kill -9): what it committed stays, with the cursor.
    const first = new ClockReprojection(t.db, (tx) => t.services.calendar.fresh(tx), t.clock.now);
    await first.run({ maxBatches: 1, batch: 3 });
    const mid = await one<{ status: string; done: number; total: number; changed: number; cursor: string }>(
      t.db.owner,
      sql`select status, done, total, changed, cursor_id::text as cursor from case_reprojection_jobs
        where id = ${jobId}`,
    );
    expect(mid).toMatchObject({ status: 'running', done: 3, total: right.length, changed: 3 });
    const half = await stored();
    expect(half.slice(0, 3)).toEqual(right.slice(0, 3));
    expect(half.slice(3).every((k, i) => k.due !== right[i + 3].due)).toBe(true);
    expect(mid!.cursor).toBe(right[2].id);
    // The restarted process picks the job up where it stopped, and finishes it.
    const second = new ClockReprojection(t.db, (tx) => t.services.calendar.fresh(tx), t.clock.now);
    await second.kick();
    expect(await stored()).toEqual(right);
    const done = await t.services.cases.reprojectionStatus({ ...boss, permissions: new Set(['calendar:write']) });
    expect(done.job).toMatchObject({ id: jobId, status: 'done', done: right.length, changed: right.length });
    // A newer edit supersedes an unfinished job.
    const a = await t.db.scoped(SYSTEM_SCOPE, (tx) => second.request(tx, '旧', null));
    const b = await t.db.scoped(SYSTEM_SCOPE, (tx) => second.request(tx, '新', null));
    await second.kick();
    const jobs = await all<{ id: number; status: string }>(
      t.db.owner,
      sql`select id::int as id, status from case_reprojection_jobs where id in (${a}, ${b}) order by id`,
    );
    expect(jobs.map((j) => j.status)).toEqual(['superseded', 'done']);
  });

  it('lists the queues: pending, due soon, overdue, mine', async () => {
    const page = (queue?: 'mine' | 'pending' | 'due_soon' | 'overdue') =>
      t.services.cases.list(clerk, { type: TYPE.code, queue, page: 1, pageSize: 100 });
    const pending = await page('pending');
    expect(pending.items.every((x) => x.state === 'filed')).toBe(true);
    expect(pending.total).toBeGreaterThan(0);
    const mine = await page('mine');
    expect(mine.items.every((x) => x.assigneeId === clerk.userId)).toBe(true);
    t.clock.advance(8 * 86_400_000); // 2026-03-10
    const overdue = await page('overdue');
    expect(overdue.items.map((x) => x.title)).toContain('甲公司拖欠工资');
    expect(overdue.total).toBe(overdue.items.length);
    t.clock.advance(-8 * 86_400_000);
    t.clock.advance(7 * 86_400_000); // 2026-03-09: the filing clocks in amber or due today
    const soon = await page('due_soon');
    expect(soon.total).toBeGreaterThan(0);
    expect(soon.total).toBe(soon.items.length);
    expect(new Set(soon.items.map((x) => x.id)).size).toBe(soon.items.length); // each case once
    // With a filter on the state, the clocks are joined to their cases before the page is cut: the same cases.
    const soonFiled = await t.services.cases.list(clerk, {
      type: TYPE.code,
      state: 'filed',
      queue: 'due_soon',
      page: 1,
      pageSize: 100,
    });
    expect(soonFiled.items.map((x) => x.id)).toEqual(soon.items.filter((x) => x.state === 'filed').map((x) => x.id));
    expect(soonFiled.total).toBe(soonFiled.items.length);
    // One page at a time, in the queue's order.
    const one = (n: number) =>
      t.services.cases.list(clerk, { type: TYPE.code, queue: 'due_soon', page: n, pageSize: 1 });
    const [p1, p2] = [await one(1), await one(2)];
    expect(p1.total).toBe(soon.total);
    expect([...p1.items, ...p2.items].map((x) => x.id)).toEqual(soon.items.slice(0, 2).map((x) => x.id));
    t.clock.advance(-7 * 86_400_000);
  });
});

/**
 * Each early-warning rule on its own: a clean synthetic project fires nothing; one targeted change to
 * its data fires exactly that rule (and the level the rule promises); undoing the change silences it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { generateWages, type WageDataset } from '@mwsp/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE, type Executor } from '../../../db/client.js';
import { loadDemoCity } from '../../../demo.js';
import { CITY, startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { WARNING_RULES, type Finding, type WarningRule } from './index.js';

const TODAY = '2026-03-02';
let t: TestPlatform;
let data: WageDataset;
let projectId: string;
let months: string[];

const rule = (id: string): WarningRule => WARNING_RULES.find((r) => r.id === id)!;

async function detect(id: string): Promise<Finding[]> {
  return t.db.scoped(SYSTEM_SCOPE, (tx) =>
    rule(id).detect(tx, { today: TODAY, params: DEFAULT_WAGE_PARAMS, projectIds: [projectId] }),
  );
}

/** Runs `change`, checks what the rule finds, then rolls the change back (the transaction never commits). */
async function withChange(change: (tx: Executor) => Promise<unknown>, id: string): Promise<Finding[]> {
  const rollback = new Error('rollback');
  let found: Finding[] = [];
  await t.db
    .scoped(SYSTEM_SCOPE, async (tx) => {
      // The whole change (and the detection after it) as the owner: the ledger is INSERT-only for the application
      // role, and on Citus a transaction may not touch a shard again as another user than the one that wrote it.
      await tx.execute(sql`reset role`);
      await change(tx);
      found = await rule(id).detect(tx, { today: TODAY, params: DEFAULT_WAGE_PARAMS, projectIds: [projectId] });
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return found;
}

const exec = (tx: Executor, q: SQL) => tx.execute(q);
/** The ledger and the bank's results are INSERT-only for the application role: removals run as the owner. */
const asOwner = async (tx: Executor, q: SQL) => {
  await tx.execute(sql`reset role`);
  return tx.execute(q);
};

beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 120, seed: 3 });
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
      sql`select code from regions where level = 4 and code like '530102%' order by code limit 5`,
    )
  ).map((r) => r.code);
  data = generateWages({
    seed: 5,
    asOf: TODAY,
    projects: 2,
    workers: workers.slice(0, 40),
    employers,
    townships,
    injectRate: 0,
  });
  await t.db.scoped(SYSTEM_SCOPE, (tx) => t.services.wageSeed.bulkLoad(tx, data));
  projectId = data.projects[0].id;
  months = data.months;
}, 240_000);
afterAll(async () => t?.close());

describe('a clean project', () => {
  it('fires no rule at all', async () => {
    for (const r of WARNING_RULES) expect(await detect(r.id), r.id).toEqual([]);
  });
});

describe('each rule fires on its own cause', () => {
  const due = () => months[months.length - 3]; // end of the following month has passed
  const latest = () => months[months.length - 1];

  it('wages_unpaid: a due month without the bank paying in full (red)', async () => {
    const m = due();
    const f = await withChange(
      (tx) => asOwner(tx, sql`delete from bank_payments where project_id = ${projectId} and month = ${m}`),
      'wages_unpaid',
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ month: m, level: 'red' });
    expect(f[0].workersAffected).toBeGreaterThan(0);
    expect(f[0].amountFen).toBeGreaterThan(0);
    // the latest month is not due yet: no warning for it
    const notYet = await withChange(
      (tx) => asOwner(tx, sql`delete from bank_payments where project_id = ${projectId} and month = ${latest()}`),
      'wages_unpaid',
    );
    expect(notYet).toEqual([]);
  });

  const ALLOCATION_MISSED_A_MONTH =
    'allocation_missed: a month without the client’s labour-cost allocation (orange within 30 days, red after)';
  it(ALLOCATION_MISSED_A_MONTH, async () => {
    const recent = await withChange(
      (tx) =>
        asOwner(
          tx,
          sql`delete from account_txns where project_id = ${projectId} and kind = 'allocation' and month = ${latest()}`,
        ),
      'allocation_missed',
    );
    expect(recent).toEqual([expect.objectContaining({ month: latest(), level: 'orange' })]);
    const old = await withChange(
      (tx) =>
        asOwner(
          tx,
          sql`delete from account_txns where project_id = ${projectId} and kind = 'allocation'
            and month = ${months[0]}`,
        ),
      'allocation_missed',
    );
    expect(old).toEqual([expect.objectContaining({ month: months[0], level: 'red' })]);
  });

  it('below_minimum_wage: average pay per day × 21.75 under the local minimum (red)', async () => {
    const m = due();
    const f = await withChange(
      (tx) =>
        exec(
          tx,
          sql`insert into payroll_lines (payroll_id, project_id, project_worker_id, month, days, payable_fen,
            deductions_fen, net_fen, entry, adjusts_line_id, reason, region_code, county_code)
      select payroll_id, project_id, project_worker_id, month, 0, -(payable_fen * 7 / 10), 0, -(payable_fen * 7 / 10),
      'adjustment', id, '测试：冲减', region_code, county_code from payroll_lines where project_id = ${projectId}
        and month = ${m}`,
        ),
      'below_minimum_wage',
    );
    expect(f).toEqual([expect.objectContaining({ month: m, level: 'red' })]);
    expect(f[0].detail.averageMonthlyFen as number).toBeLessThan(f[0].detail.minimumWageFen as number);
  });

  it('paid_fewer_than_attended: a paid month where one attendee got nothing (yellow)', async () => {
    const m = due();
    const f = await withChange(async (tx) => {
      const one_ = await one<{ pw: string }>(
        tx,
        sql`select project_worker_id as pw from bank_payments where project_id = ${projectId} and month = ${m} limit 1`,
      );
      await asOwner(
        tx,
        sql`delete from bank_payments where project_id = ${projectId} and month = ${m}
          and project_worker_id = ${one_!.pw}`,
      );
    }, 'paid_fewer_than_attended');
    expect(f).toEqual([expect.objectContaining({ month: m, level: 'yellow', workersAffected: 1 })]);
  });

  const ATTENDEES_WITHOUT_WAGE_AT =
    'attendees_without_wage: at least 10 % of a month’s attendees missing from the ledger (red), not fewer';
  it(ATTENDEES_WITHOUT_WAGE_AT, async () => {
    const m = due();
    const att = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from attendance where project_id = ${projectId} and month = ${m} and days > 0`,
    );
    expect(att!.n).toBeGreaterThanOrEqual(11); // so that one missing worker stays under 10 %
    // The ledger is INSERT-only for the application role: the test removes lines as the owner.
    const dropLines = (k: number) => async (tx: Executor) => {
      await exec(tx, sql`reset role`);
      await exec(
        tx,
        sql`delete from bank_payments where project_id = ${projectId} and month = ${m}
          and project_worker_id in (select project_worker_id from attendance where project_id = ${projectId}
          and month = ${m} and days > 0 order by project_worker_id limit ${k})`,
      );
      await exec(
        tx,
        sql`delete from payroll_lines where project_id = ${projectId} and month = ${m}
          and project_worker_id in (select project_worker_id from attendance where project_id = ${projectId}
          and month = ${m} and days > 0 order by project_worker_id limit ${k})`,
      );
    };
    const f = await withChange(dropLines(Math.ceil(att!.n * 0.1)), 'attendees_without_wage');
    expect(f).toEqual([expect.objectContaining({ month: m, level: 'red', workersAffected: Math.ceil(att!.n * 0.1) })]);
    expect(await withChange(dropLines(1), 'attendees_without_wage')).toEqual([]);
  });

  const bump = (m: string, fen: number) => (tx: Executor) =>
    exec(
      tx,
      sql`insert into payroll_lines (payroll_id, project_id, project_worker_id, month, days, payable_fen,
        deductions_fen, net_fen, entry, adjusts_line_id, reason, region_code, county_code)
    select payroll_id, project_id, project_worker_id, month, 0, ${fen}::int8, 0, ${fen}::int8, 'adjustment', id,
    '测试：补发', region_code, county_code from payroll_lines where project_id = ${projectId} and month = ${m}
      order by id limit 1`,
    );

  it('excessive_pay_month: one worker above 50,000 元 in a month (red), the year still under its cap', async () => {
    const m = due();
    expect(await withChange(bump(m, 6_000_000), 'excessive_pay_month')).toEqual([
      expect.objectContaining({ month: m, level: 'red', workersAffected: 1 }),
    ]);
    expect(await withChange(bump(m, 6_000_000), 'excessive_pay_year')).toEqual([]);
    expect(await withChange(bump(m, 4_000_000), 'excessive_pay_month')).toEqual([]);
  });

  it('excessive_pay_year: one worker above 300,000 元 in a calendar year (red)', async () => {
    const m = due();
    expect(await withChange(bump(m, 30_000_000), 'excessive_pay_year')).toEqual([
      expect.objectContaining({ month: `${m.slice(0, 4)}-01-01`, level: 'red', workersAffected: 1 }),
    ]);
  });

  it('departed_unsettled: a leaver without settlement after the grace period (red), not within it', async () => {
    const late = await withChange(
      (tx) =>
        exec(
          tx,
          sql`update project_workers set exit_date = '2026-01-31', settled_on = null where id = (select id
            from project_workers where project_id = ${projectId} and exit_date is null order by id limit 1)`,
        ),
      'departed_unsettled',
    );
    expect(late).toEqual([expect.objectContaining({ month: null, level: 'red', workersAffected: 1 })]);
    const fresh = await withChange(
      (tx) =>
        exec(
          tx,
          sql`update project_workers set exit_date = '2026-02-25', settled_on = null where id = (select id
            from project_workers where project_id = ${projectId} and exit_date is null order by id limit 1)`,
        ),
      'departed_unsettled',
    );
    expect(fresh).toEqual([]);
  });

  const DEPARTED_UNSETTLED_NOT_FOR =
    'departed_unsettled: not for a leaver paid in full (succeeded bank results cover every month), ' +
    'but when the only result failed';
  it(DEPARTED_UNSETTLED_NOT_FOR, async () => {
    const m = due();
    const leave = (extra?: (tx: Executor, pw: string) => Promise<unknown>) => async (tx: Executor) => {
      const pw = (await one<{ id: string }>(
        tx,
        sql`select id from project_workers where project_id = ${projectId} and exit_date is null order by id limit 1`,
      ))!.id;
      await exec(tx, sql`update project_workers set exit_date = ${m}::date + 20, settled_on = null where id = ${pw}`);
      // No ledger after the exit month (the synthetic worker stayed on): the owner removes it.
      await asOwner(tx, sql`delete from bank_payments where project_worker_id = ${pw} and month > ${m}`);
      await exec(tx, sql`delete from payroll_lines where project_worker_id = ${pw} and month > ${m}`);
      await exec(tx, sql`delete from attendance where project_worker_id = ${pw} and month > ${m}`);
      if (extra) await extra(tx, pw);
    };
    expect(await withChange(leave(), 'departed_unsettled')).toEqual([]);
    const failed = await withChange(
      leave((tx, pw) =>
        exec(
          tx,
          sql`update bank_payments set succeeded = false, failure_reason = '账户冻结' where project_worker_id = ${pw}
            and month = ${m}`,
        ),
      ),
      'departed_unsettled',
    );
    expect(failed).toEqual([expect.objectContaining({ month: null, level: 'red', workersAffected: 1 })]);
    const adjusted = await withChange(
      leave((tx, pw) =>
        exec(
          tx,
          sql`insert into payroll_lines (payroll_id, project_id, project_worker_id, month, days, payable_fen,
            deductions_fen, net_fen, entry, adjusts_line_id, reason, region_code, county_code)
      select payroll_id, project_id, project_worker_id, month, 0, 10000, 0, 10000, 'adjustment', id, '测试：补发未付',
      region_code, county_code from payroll_lines where project_worker_id = ${pw} and month = ${m} order by id limit 1`,
        ),
      ),
      'departed_unsettled',
    );
    expect(adjusted).toEqual([expect.objectContaining({ workersAffected: 1 })]);
  });

  it('missing_institutions: levels by how many of the six are missing', async () => {
    const one1 = await withChange(
      (tx) => exec(tx, sql`update projects set notice_board_posted_on = null where id = ${projectId}`),
      'missing_institutions',
    );
    expect(one1).toEqual([expect.objectContaining({ level: 'yellow', detail: { missing: ['noticeBoard'] } })]);
    const two = await withChange(async (tx) => {
      await exec(tx, sql`update projects set notice_board_posted_on = null where id = ${projectId}`);
      await exec(tx, sql`update wage_deposits set status = 'returned' where project_id = ${projectId}`);
    }, 'missing_institutions');
    expect(two).toEqual([
      expect.objectContaining({ level: 'orange', detail: { missing: ['deposit', 'noticeBoard'] } }),
    ]);
  });

  it('deposit_topup_overdue: a drawn deposit not topped up by its deadline (red)', async () => {
    const f = await withChange(
      (tx) =>
        exec(
          tx,
          sql`update wage_deposits set status = 'topup_due', topup_due_on = '2026-02-27', balance_fen = 0
            where project_id = ${projectId}`,
        ),
      'deposit_topup_overdue',
    );
    expect(f).toEqual([expect.objectContaining({ level: 'red' })]);
    const notYet = await withChange(
      (tx) =>
        exec(
          tx,
          sql`update wage_deposits set status = 'topup_due', topup_due_on = '2026-03-10', balance_fen = 0
            where project_id = ${projectId}`,
        ),
      'deposit_topup_overdue',
    );
    expect(notYet).toEqual([]);
  });

  const ARREARS_AGE_OUTSTANDING_CONFIRMED =
    'arrears_age: outstanding confirmed arrears coloured by age (yellow ≤ 1 month, orange ≤ 2, red beyond)';
  it(ARREARS_AGE_OUTSTANDING_CONFIRMED, async () => {
    const caseFor = (month: string) => async (tx: Executor) => {
      const p = await one<{ contractor: string; region: string }>(
        tx,
        sql`select contractor_id as contractor, region_code as region from projects where id = ${projectId}`,
      );
      const c = await one<{ id: string }>(
        tx,
        sql`insert into arrears_cases (project_id, employer_id, summary, region_code, county_code)
          values (${projectId}, ${p!.contractor}, '测试欠薪', ${p!.region}, left(${p!.region}, 6)) returning id`,
      );
      await exec(
        tx,
        sql`insert into arrears_items (case_id, project_worker_id, worker_id, worker_name, id_masked, month, amount_fen,
          region_code, county_code)
        select ${c!.id}, id, worker_id, name, id_masked, ${month}::date, 500000, region_code, county_code
        from project_workers
        where project_id = ${projectId} order by id limit 2`,
      );
    };
    // due date of month M is the end of M+1; TODAY = 2026-03-02
    const young = await withChange(caseFor('2026-01-01'), 'arrears_age');
    expect(young, JSON.stringify(young)).toEqual([
      expect.objectContaining({ level: 'yellow', workersAffected: 2, amountFen: 1_000_000 }),
    ]);
    expect(await withChange(caseFor('2025-12-01'), 'arrears_age')).toEqual([
      expect.objectContaining({ level: 'yellow', detail: expect.objectContaining({ daysOverdue: 30 }) }),
    ]);
    expect(await withChange(caseFor('2025-11-01'), 'arrears_age')).toEqual([
      expect.objectContaining({ level: 'orange', detail: expect.objectContaining({ daysOverdue: 61 }) }),
    ]);
    expect(await withChange(caseFor('2025-10-01'), 'arrears_age')).toEqual([expect.objectContaining({ level: 'red' })]);
  });

  it('no_contract_on_site: a worker on site without a labour contract (orange)', async () => {
    const f = await withChange(
      (tx) =>
        exec(
          tx,
          sql`update project_workers set contract_present = false where id = (select id from project_workers
            where project_id = ${projectId} and exit_date is null order by id limit 1)`,
        ),
      'no_contract_on_site',
    );
    expect(f).toEqual([expect.objectContaining({ level: 'orange', workersAffected: 1 })]);
  });

  it('every rule above is in the catalogue, and the catalogue has no rule without a test here', () => {
    expect(WARNING_RULES.map((r) => r.id).sort()).toEqual([
      'allocation_missed',
      'arrears_age',
      'attendees_without_wage',
      'below_minimum_wage',
      'departed_unsettled',
      'deposit_topup_overdue',
      'excessive_pay_month',
      'excessive_pay_year',
      'missing_institutions',
      'no_contract_on_site',
      'paid_fewer_than_attended',
      'wages_unpaid',
    ]);
  });
});

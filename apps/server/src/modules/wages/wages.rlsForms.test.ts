/**
 * The Citus-acceptable forms of the wage tables (migration 0018, issue #10): policies on the row's own columns, the
 * records of a project (a case) carrying its owner and department, SECURITY DEFINER look-ups in plpgsql. The risks
 * of the new form: a 本人/本部门 user must not make another's record visible to itself by writing an owner, and
 * every record must carry exactly its parent's scope columns.
 */
import { countyCodeOf } from '@mwsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, pgErrorCode, run, type DbScope, type Executor } from '../../db/client.js';
import { loadDemoCity, loadDemoWages } from '../../demo.js';
import { CITY, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import * as arrearsRepo from './arrears.repo.js';
import * as repo from './projects.repo.js';

/** The wage module's region-scoped tables. */
const WAGE_TABLES = [
  'projects',
  'project_units',
  'project_teams',
  'project_workers',
  'attendance',
  'wage_accounts',
  'account_txns',
  'wage_deposits',
  'deposit_movements',
  'payrolls',
  'payroll_lines',
  'bank_payments',
  'warning_scan_queue',
  'warnings',
  'warning_actions',
  'arrears_cases',
  'arrears_items',
  'arrears_payments',
  'defaulters',
];
/** Records of a project, with the project's owner and department on them (migration 0018). */
const PROJECT_RECORDS = WAGE_TABLES.filter((t) => !['projects', 'arrears_cases', 'defaulters'].includes(t));
const DEFINER_LOOKUPS = [
  'mwsp_worker_wage_lookup',
  'mwsp_employer_wage_history',
  'mwsp_project_worker_names',
  'mwsp_arrears_confirmed',
];

let t: TestPlatform;
const A = '00000000-0000-4000-8000-00000000000a'; // a 本人 user
const B = '00000000-0000-4000-8000-00000000000b'; // another user
let D1: string; // A's department
let D2: string; // B's department
let PA: string; // A's project
let PB: string; // B's project
let township: string;
let worker: { id: string; name: string; idBidx: string; idMasked: string };
let employerId: string; // an employer not yet a unit of PB
let pwOfA: string; // A's project worker, with arrears confirmed in A's case

const self = (userId: string, departmentId: string): DbScope => ({
  region: CITY,
  userId,
  departmentId,
  dataScope: 'self',
});
const department = (userId: string, departmentId: string): DbScope => ({
  region: CITY,
  userId,
  departmentId,
  dataScope: 'department',
});

/** Refused by a row-level-security policy (insufficient_privilege: "new row violates row-level security policy"). */
const refusedByPolicy = (err: unknown) => pgErrorCode(err) === '42501';

/** A project owned by `owner` of `dept`: a copy of a generated one (same employers and region). */
async function ownedProject(code: string, owner: string, dept: string): Promise<string> {
  const row = (await one<{ id: string; countyCode: string; regionCode: string }>(
    t.db.owner,
    sql`insert into projects (county_code, code, name, region_code, category, client_id, contractor_id,
        contract_amount_fen, labour_share_bp, allocation_day, pay_day, contract_signed_on, start_date,
        planned_end_date, status, created_by, department_id)
      select county_code, ${code}, ${'测试项目' + code}, region_code, category, client_id, contractor_id,
        contract_amount_fen,
        labour_share_bp, allocation_day, pay_day, contract_signed_on, start_date, planned_end_date, 'in_progress',
        ${owner}::uuid, ${dept}::uuid
      from projects where region_code = ${township} order by code limit 1
      returning id, county_code as "countyCode", region_code as "regionCode"`,
  ))!;
  // the national look-up of project codes (0024), written with the project
  await t.db.owner.execute(sql`insert into project_codes (code, county_code, region_code, project_id)
    values (${code}, ${row.countyCode}, ${row.regionCode}, ${row.id})`);
  return row.id;
}

/** Some records of the project, written as the service writes them: scope columns from the parent read under RLS. */
async function writeRecords(tx: Executor, projectId: string, tag: string): Promise<string> {
  const scope = await repo.projectScope(tx, projectId);
  if (!scope) throw new Error('project not visible');
  const employer = (await one<{ id: string }>(tx, sql`select client_id as id from projects where id = ${projectId}`))!;
  await repo.insertUnit(tx, projectId, employer.id, 'subcontractor', scope);
  await repo.insertTeam(tx, projectId, { name: '班组' + tag, unitId: null, leaderName: null }, scope);
  await repo.queueScan(tx, projectId, scope);
  const pwId = (await repo.insertProjectWorker(tx, {
    projectId,
    workerId: worker.id,
    teamId: null,
    name: worker.name,
    idBidx: worker.idBidx,
    idMasked: worker.idMasked,
    entryDate: '2026-01-02',
    contractPresent: true,
    scope,
  }))!;
  const depositId = await repo.insertDeposit(tx, {
    projectId,
    form: 'cash',
    rateBp: 200,
    requiredFen: 100_00,
    balanceFen: 100_00,
    basis: '测试',
    bankName: null,
    letterNo: null,
    validUntil: null,
    depositedOn: '2026-01-05',
    status: 'held',
    scope,
  });
  await repo.insertDepositMovement(tx, {
    depositId,
    kind: 'deposit',
    amountFen: 100_00,
    onDate: '2026-01-05',
    note: null,
    scope,
  });
  const c = await arrearsRepo.insertCase(tx, {
    projectId,
    employerId: employer.id,
    warningId: null,
    summary: '测试案件' + tag,
    regionCode: scope.regionCode,
    createdBy: scope.ownerId!,
    departmentId: scope.departmentId,
  });
  await arrearsRepo.insertItems(tx, c.id, c, [
    {
      projectWorkerId: pwId,
      workerId: worker.id,
      name: worker.name,
      idMasked: worker.idMasked,
      month: '2026-01-01',
      amountFen: 500_00,
    },
  ]);
  await arrearsRepo.insertPayment(tx, {
    caseId: c.id,
    source: 'employer',
    amountFen: 100_00,
    onDate: '2026-02-01',
    note: null,
    scope: c,
    createdBy: scope.ownerId!,
  });
  return pwId;
}

beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 40, seed: 11 });
  await loadDemoWages(t.db, t.services, { projects: 4, seed: 11, today: '2026-03-01' });
  township = (await one<{ code: string }>(
    t.db.owner,
    sql`select region_code as code from projects order by code limit 1`,
  ))!.code;
  worker = (await one<typeof worker>(
    t.db.owner,
    sql`select id, name, id_bidx as "idBidx", id_masked as "idMasked" from workers order by id limit 1`,
  ))!;
  [D1, D2] = (await all<{ id: string }>(t.db.owner, sql`select id from departments order by code limit 2`)).map(
    (d) => d.id,
  );
  employerId = (await one<{ id: string }>(
    t.db.owner,
    sql`select id from employers where id not in (select client_id from projects) order by id limit 1`,
  ))!.id;
  PA = await ownedProject('XMRLSA0001', A, D1);
  PB = await ownedProject('XMRLSB0001', B, D2);
  pwOfA = await t.db.scoped(self(A, D1), (tx) => writeRecords(tx, PA, 'A'));
  await t.db.scoped(self(B, D2), (tx) => writeRecords(tx, PB, 'B'));
  // The engine opens warnings (and their steps) on the owned projects too: they carry the project's owner.
  await t.services.engine.fullScan({ today: '2026-03-01' });
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('wage tables in Citus-acceptable forms (migration 0018)', () => {
  it('has policies without sublinks on every wage table, no transition-table triggers, plpgsql look-ups', async () => {
    const policies = await all<{ table: string; qual: string | null; check: string | null }>(
      t.db.owner,
      sql`select tablename::text as table, qual, with_check as check from pg_policies
        where tablename = any(${`{${WAGE_TABLES.join(',')}}`}::text[])`,
    );
    expect(new Set(policies.map((p) => p.table))).toEqual(new Set(WAGE_TABLES));
    const sublinks = policies.filter((p) => /\b(select|exists)\b/i.test(`${p.qual ?? ''} ${p.check ?? ''}`));
    expect(sublinks).toEqual([]);
    const transitionTriggers = await all<{ name: string }>(
      t.db.owner,
      sql`select tgname::text as name from pg_trigger
        where not tgisinternal and (tgoldtable is not null or tgnewtable is not null)
          and tgrelid::regclass::text = any(${`{${WAGE_TABLES.join(',')}}`}::text[])`,
    );
    expect(transitionTriggers).toEqual([]);
    const functions = await all<{ name: string; language: string; definer: boolean }>(
      t.db.owner,
      sql`select p.proname::text as name, l.lanname::text as language, p.prosecdef as definer
        from pg_proc p join pg_language l on l.oid = p.prolang
        where p.proname = any(${`{${[...DEFINER_LOOKUPS, 'mwsp_project_owned'].join(',')}}`}::text[])
        order by 1`,
    );
    expect(functions).toEqual(
      [...DEFINER_LOOKUPS].sort().map((name) => ({ name, language: 'plpgsql', definer: true })),
    );
  });

  it('gives every record of a project (a case) exactly its parent’s owner and department', async () => {
    for (const table of PROJECT_RECORDS) {
      const parent = table.startsWith('arrears_')
        ? sql`arrears_cases o on o.county_code = x.county_code and o.id = x.case_id`
        : table === 'deposit_movements'
          ? sql`wage_deposits d on d.county_code = x.county_code and d.id = x.deposit_id
            join projects o on o.county_code = d.county_code and o.id = d.project_id`
          : table === 'warning_actions'
            ? sql`warnings w on w.county_code = x.county_code and w.id = x.warning_id
              join projects o on o.county_code = w.county_code and o.id = w.project_id`
            : sql`projects o on o.county_code = x.county_code and o.id = x.project_id`;
      const wrong = await one<{ n: number }>(
        t.db.owner,
        sql`select count(*)::int as n from ${sql.identifier(table)} x join ${parent}
          where x.owner_id is distinct from o.created_by or x.owner_department_id is distinct from o.department_id`,
      );
      expect({ table, wrong: wrong!.n }).toEqual({ table, wrong: 0 });
    }
    const written = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from project_units
        where owner_id = ${A}::uuid and owner_department_id = ${D1}::uuid`,
    );
    expect(written!.n).toBe(1);
  });

  it('keeps another owner’s records out of reach of a 本人 user, whatever owner it writes', async () => {
    await t.db.scoped(self(A, D1), async (tx) => {
      // The parent is not visible, so the repo has no scope to write with (the service answers 404 before).
      expect(await repo.projectScope(tx, PB)).toBeUndefined();
      // Its records stay invisible, and cannot be claimed by rewriting their owner.
      for (const table of ['project_units', 'project_teams', 'wage_deposits', 'deposit_movements', 'arrears_items'])
        expect(
          (await one<{ n: number }>(
            tx,
            sql`select count(*)::int as n from ${sql.identifier(table)} where owner_id = ${B}::uuid`,
          ))!.n,
        ).toBe(0);
      expect(await run(tx, sql`update project_teams set owner_id = ${A}::uuid where project_id = ${PB}`)).toBe(0);
    });
    // A record written with the other project's (true) owner is refused.
    await expect(
      t.db.scoped(self(A, D1), (tx) =>
        repo.insertTeam(
          tx,
          PB,
          { name: '越权班组', unitId: null, leaderName: null },
          {
            regionCode: township,
            ownerId: B,
            departmentId: D2,
          },
        ),
      ),
    ).rejects.toSatisfy(refusedByPolicy);
    // Its own record cannot be handed to another owner either (nor to nobody).
    for (const [owner, dept] of [
      [B, D2],
      [null, null],
    ])
      await expect(
        t.db.scoped(self(A, D1), (tx) =>
          tx.execute(
            sql`update project_teams set owner_id = ${owner}::uuid, owner_department_id = ${dept}::uuid
              where project_id = ${PA}`,
          ),
        ),
      ).rejects.toSatisfy(refusedByPolicy);
    // The other user still sees its own, unchanged.
    const theirs = await t.db.scoped(self(B, D2), (tx) =>
      all<{ owner: string }>(tx, sql`select owner_id as owner from project_teams where project_id = ${PB}`),
    );
    expect(theirs).toEqual([{ owner: B }]);
  });

  it('keeps another department’s records out of reach of a 本部门 user', async () => {
    await t.db.scoped(department(A, D1), async (tx) => {
      expect(await repo.projectScope(tx, PB)).toBeUndefined();
      expect(
        (await one<{ n: number }>(
          tx,
          sql`select count(*)::int as n from arrears_payments where owner_department_id = ${D2}::uuid`,
        ))!.n,
      ).toBe(0);
      expect(
        (await one<{ n: number }>(
          tx,
          sql`select count(*)::int as n from arrears_payments where owner_department_id = ${D1}::uuid`,
        ))!.n,
      ).toBe(1);
    });
    await expect(
      t.db.scoped(department(A, D1), (tx) =>
        repo.insertUnit(tx, PB, employerId, 'subcontractor', { regionCode: township, ownerId: B, departmentId: D2 }),
      ),
    ).rejects.toSatisfy(refusedByPolicy);
  });

  it('answers the public wage lookup and the definer look-ups as before (plpgsql)', async () => {
    const code = (await one<{ code: string }>(
      t.db.owner,
      sql`select p.code from projects p join payroll_lines l on l.county_code = p.county_code and l.project_id = p.id
        limit 1`,
    ))!.code;
    const pw = (await one<{ bidx: string; name: string }>(
      t.db.owner,
      sql`select pw.id_bidx as bidx, pw.name from project_workers pw
        join projects p on p.county_code = pw.county_code and p.id = pw.project_id
        join payroll_lines l on l.county_code = pw.county_code and l.project_worker_id = pw.id where p.code = ${code}
        limit 1`,
    ))!;
    await t.db.scoped(self(A, D1), async (tx) => {
      const names = await all<{ n: string }>(tx, sql`select n from mwsp_project_worker_names(${code}, ${pw.bidx}) n`);
      expect(names).toEqual([{ n: pw.name }]);
      const months = await all<{ month: string; net: number }>(
        tx,
        sql`select month::text, net_fen::float8 as net from mwsp_worker_wage_lookup(${code}, ${pw.bidx}, ${pw.name})`,
      );
      expect(months.length).toBeGreaterThan(0);
      expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort().reverse());
    });
    await t.db.scoped(self(B, D2), async (tx) => {
      // Whoever confirmed them: A's case, invisible to B, is counted for B too (no wages confirmed twice).
      const countyOfA = countyCodeOf(township);
      expect(await arrearsRepo.confirmedArrears(tx, countyOfA, pwOfA, '2026-01-01')).toBe(500_00);
      expect(await arrearsRepo.confirmedArrears(tx, countyOfA, pwOfA, '2026-02-01')).toBe(0);
    });
  });
});

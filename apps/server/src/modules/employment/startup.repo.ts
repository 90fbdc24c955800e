import { sql } from 'drizzle-orm';
import { all, one, SYSTEM_SCOPE, underScope, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { listWhere, OWNED_COLUMNS, paging, type ListFilter } from './programs.repo.js';

/** SQL of entrepreneurship support: startup guaranteed loans (创业担保贷款) and incubators/parks. */

interface Owned {
  countyCode: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

export interface LoanRow {
  id: string;
  countyCode: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  workerId: string;
  business: string;
  amountFen: number;
  bank: string;
  appliedOn: string;
  status: string;
  decidedOn: string | null;
  approvedFen: number | null;
  decisionNote: string | null;
  version: number;
}

export async function insertLoan(
  tx: Executor,
  l: Owned & { workerId: string; business: string; amountFen: number; bank: string; appliedOn: string },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into startup_loans (county_code, worker_id, business, amount_fen, bank, applied_on, status, region_code,
        created_by, department_id)
      values (${l.countyCode}, ${l.workerId}, ${l.business}, ${l.amountFen}, ${l.bank}, ${l.appliedOn}, 'submitted',
        ${l.regionCode}, ${l.ownerId}, ${l.departmentId})
      returning id`,
  );
  return row!.id;
}

const LOAN_COLUMNS = sql`${OWNED_COLUMNS}, t.county_code as "countyCode", t.worker_id as "workerId", t.business,
  t.amount_fen::float8 as "amountFen", t.bank, t.applied_on::text as "appliedOn", t.status,
  t.decided_on::text as "decidedOn", t.approved_fen::float8 as "approvedFen", t.decision_note as "decisionNote",
  t.version`;

export async function listLoans(tx: Executor, f: ListFilter & { status?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.business`, sql`t.bank`],
    extra: f.status ? [sql` and t.status = ${f.status}`] : [],
  });
  const rows = await all<LoanRow>(
    tx,
    sql`select ${LOAN_COLUMNS} from startup_loans t left join regions r on r.code = t.region_code ${where}
      order by t.applied_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from startup_loans t ${where}`);
  return { rows, total: total!.n };
}

export async function findLoan(tx: Executor, id: string): Promise<LoanRow | undefined> {
  return one(
    tx,
    sql`select ${LOAN_COLUMNS} from startup_loans t left join regions r on r.code = t.region_code
      where t.id = ${id}::uuid ${countyRoute('t.county_code')}`,
  );
}

/** The worker's loans still open or repaying (submitted, approved, disbursed) in the county. */
export async function openLoansOf(tx: Executor, countyCode: string, workerId: string): Promise<number> {
  const r = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from startup_loans
      where county_code = ${countyCode} and worker_id = ${workerId}::uuid and status <> 'rejected'`,
  );
  return r!.n;
}

/** Records the bank's decision; 0 rows when the version moved on (someone decided first). */
export async function decideLoan(
  tx: Executor,
  countyCode: string,
  id: string,
  d: { status: string; decidedOn: string; approvedFen: number | null; note: string; version: number },
): Promise<number> {
  const r = await all(
    tx,
    sql`update startup_loans set status = ${d.status}, decided_on = ${d.decidedOn}, approved_fen = ${d.approvedFen},
        decision_note = ${d.note}, version = version + 1
      where county_code = ${countyCode} and id = ${id}::uuid and version = ${d.version}
      returning id`,
  );
  return r.length;
}

export interface IncubatorRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  kind: string;
  name: string;
  operator: string;
  address: string;
  openedOn: string;
  businesses: { name: string; founderWorkerId: string | null; jobs: number; since: string | null }[];
  jobsCreated: number;
}

export async function insertIncubator(
  tx: Executor,
  i: Owned & Omit<IncubatorRow, 'id' | 'regionName' | 'createdAt'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into incubators (county_code, kind, name, operator, address, opened_on, businesses, jobs_created,
        region_code, created_by, department_id)
      values (${i.countyCode}, ${i.kind}, ${i.name}, ${i.operator}, ${i.address}, ${i.openedOn},
        ${JSON.stringify(i.businesses)}::jsonb, ${i.jobsCreated}, ${i.regionCode}, ${i.ownerId}, ${i.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function listIncubators(tx: Executor, f: ListFilter & { id?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.name`, sql`t.operator`],
    extra: f.id ? [sql` and t.id = ${f.id}::uuid`] : [],
  });
  const rows = await all<IncubatorRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.kind, t.name, t.operator, t.address, t.opened_on::text as "openedOn", t.businesses,
        t.jobs_created as "jobsCreated"
      from incubators t left join regions r on r.code = t.region_code ${where}
      order by t.opened_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from incubators t ${where}`);
  return { rows, total: total!.n };
}

export interface OpenLoan {
  loanId: string;
  countyCode: string;
}

/**
 * A person's open loan applications in every county (startup_loan_people, keyed by the ID number's blind index),
 * the row locked until the transaction ends. Under the system scope: another county's application is not the
 * caller's to see, only that it exists and where.
 */
export async function lockLoanPerson(
  tx: Executor,
  idBidx: string,
  where: { countyCode: string; regionCode: string },
): Promise<OpenLoan[]> {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    // The row first (a first application of a person in two counties at once then waits for the other's lock).
    await tx.execute(
      sql`insert into startup_loan_people (id_bidx, county_code, region_code)
        values (${idBidx}, ${where.countyCode}, ${where.regionCode}) on conflict (id_bidx) do nothing`,
    );
    const row = await one<{ openLoans: OpenLoan[] }>(
      tx,
      sql`select open_loans as "openLoans" from startup_loan_people where id_bidx = ${idBidx} for update`,
    );
    return row?.openLoans ?? [];
  });
}

export async function writeLoanPerson(
  tx: Executor,
  idBidx: string,
  where: { countyCode: string; regionCode: string },
  openLoans: OpenLoan[],
): Promise<void> {
  await underScope(tx, SYSTEM_SCOPE, () =>
    tx.execute(
      sql`insert into startup_loan_people (id_bidx, county_code, region_code, open_loans)
        values (${idBidx}, ${where.countyCode}, ${where.regionCode}, ${JSON.stringify(openLoans)}::jsonb)
        on conflict (id_bidx) do update set open_loans = excluded.open_loans`,
    ),
  );
}

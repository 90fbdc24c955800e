import { sql, type SQL } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import { listWhere, OWNED_COLUMNS, paging, type ListFilter } from './programs.repo.js';

/** SQL of the two surveys: 季节性用工需求调查 (enterprises) and 外出务工人员就业情况调查 (people). */

interface Owned {
  countyCode: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

export interface DemandRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  period: string;
  surveyedOn: string;
  employerId: string | null;
  employerName: string;
  occupation: string;
  headcount: number;
  wageFen: number;
}

export interface OutboundRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  period: string;
  surveyedOn: string;
  workerId: string;
  destination: string;
  destinationRegionCode: string | null;
  occupation: string | null;
  incomeFen: number | null;
  status: string;
}

export async function insertDemand(
  tx: Executor,
  d: Owned & Omit<DemandRow, 'id' | 'regionName' | 'createdAt'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into demand_surveys (county_code, period, surveyed_on, employer_id, employer_name, occupation, headcount,
        wage_fen, region_code, created_by, department_id)
      values (${d.countyCode}, ${d.period}, ${d.surveyedOn}, ${d.employerId}, ${d.employerName}, ${d.occupation},
        ${d.headcount}, ${d.wageFen}, ${d.regionCode}, ${d.ownerId}, ${d.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function insertOutbound(
  tx: Executor,
  o: Owned & Omit<OutboundRow, 'id' | 'regionName' | 'createdAt'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into outbound_surveys (county_code, period, surveyed_on, worker_id, destination, destination_region_code,
        occupation, income_fen, status, region_code, created_by, department_id)
      values (${o.countyCode}, ${o.period}, ${o.surveyedOn}, ${o.workerId}, ${o.destination},
        ${o.destinationRegionCode}, ${o.occupation}, ${o.incomeFen}, ${o.status}, ${o.regionCode}, ${o.ownerId},
        ${o.departmentId})
      returning id`,
  );
  return row!.id;
}

/** Several demand answers (as `insertDemand`, at once; the demo's survey round). */
export async function insertDemands(
  tx: Executor,
  rows: (Owned & Omit<DemandRow, 'id' | 'regionName' | 'createdAt'>)[],
): Promise<void> {
  for (const slice of statementSlices(rows, 11)) {
    const values = slice.map(
      (d) =>
        sql`(${d.countyCode}, ${d.period}, ${d.surveyedOn}::date, ${d.employerId}::uuid, ${d.employerName},
          ${d.occupation}, ${d.headcount}::int, ${d.wageFen}::int8, ${d.regionCode}, ${d.ownerId}::uuid,
          ${d.departmentId}::uuid)`,
    );
    await tx.execute(
      sql`insert into demand_surveys (county_code, period, surveyed_on, employer_id, employer_name, occupation,
          headcount, wage_fen, region_code, created_by, department_id)
        values ${sql.join(values, sql`, `)}`,
    );
  }
}

/** Several outbound answers (as `insertOutbound`, at once; the demo's survey round). */
export async function insertOutbounds(
  tx: Executor,
  rows: (Owned & Omit<OutboundRow, 'id' | 'regionName' | 'createdAt'>)[],
): Promise<void> {
  for (const slice of statementSlices(rows, 12)) {
    const values = slice.map(
      (o) =>
        sql`(${o.countyCode}, ${o.period}, ${o.surveyedOn}::date, ${o.workerId}::uuid, ${o.destination},
          ${o.destinationRegionCode}, ${o.occupation}, ${o.incomeFen}::int8, ${o.status}, ${o.regionCode},
          ${o.ownerId}::uuid, ${o.departmentId}::uuid)`,
    );
    await tx.execute(
      sql`insert into outbound_surveys (county_code, period, surveyed_on, worker_id, destination,
          destination_region_code, occupation, income_fen, status, region_code, created_by, department_id)
        values ${sql.join(values, sql`, `)}`,
    );
  }
}

const DEMAND_COLUMNS = sql`${OWNED_COLUMNS}, t.period, t.surveyed_on::text as "surveyedOn",
  t.employer_id as "employerId",
  t.employer_name as "employerName", t.occupation, t.headcount, t.wage_fen::float8 as "wageFen"`;
const OUTBOUND_COLUMNS = sql`${OWNED_COLUMNS}, t.period, t.surveyed_on::text as "surveyedOn", t.worker_id as "workerId",
  t.destination, t.destination_region_code as "destinationRegionCode", t.occupation,
  t.income_fen::float8 as "incomeFen", t.status`;

const periodIs = (period?: string): SQL[] => (period ? [sql` and t.period = ${period}`] : []);

export async function listDemand(
  tx: Executor,
  f: ListFilter & { period?: string },
): Promise<{ rows: DemandRow[]; total: number }> {
  const where = listWhere({ ...f, qColumns: [sql`t.employer_name`, sql`t.period`], extra: periodIs(f.period) });
  const rows = await all<DemandRow>(
    tx,
    sql`select ${DEMAND_COLUMNS} from demand_surveys t left join regions r on r.code = t.region_code ${where}
      order by t.surveyed_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from demand_surveys t ${where}`);
  return { rows, total: total!.n };
}

export async function listOutbound(
  tx: Executor,
  f: ListFilter & { period?: string },
): Promise<{ rows: OutboundRow[]; total: number }> {
  const where = listWhere({ ...f, qColumns: [sql`t.destination`, sql`t.period`], extra: periodIs(f.period) });
  const rows = await all<OutboundRow>(
    tx,
    sql`select ${OUTBOUND_COLUMNS} from outbound_surveys t left join regions r on r.code = t.region_code ${where}
      order by t.surveyed_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from outbound_surveys t ${where}`);
  return { rows, total: total!.n };
}

/** Demand by county: enterprises, lines, headcount, average and highest wage offered. */
export async function demandByCounty(
  tx: Executor,
  f: ListFilter & { period?: string },
): Promise<{ county: string; enterprises: number; headcount: number; avgWageFen: number; maxWageFen: number }[]> {
  const where = listWhere({ ...f, extra: periodIs(f.period) });
  return all(
    tx,
    sql`select t.county_code as county, count(distinct t.employer_name)::int as enterprises,
        sum(t.headcount)::int as headcount,
        round(sum(t.wage_fen * t.headcount)::numeric / nullif(sum(t.headcount), 0))::float8 as "avgWageFen",
        max(t.wage_fen)::float8 as "maxWageFen"
      from demand_surveys t ${where} group by t.county_code order by t.county_code`,
  );
}

/** Outbound workers by county: people surveyed, by status, average income of those with one. */
export async function outboundByCounty(
  tx: Executor,
  f: ListFilter & { period?: string },
): Promise<
  {
    county: string;
    people: number;
    employed: number;
    selfEmployed: number;
    seeking: number;
    returned: number;
    avgIncomeFen: number;
  }[]
> {
  const where = listWhere({ ...f, extra: periodIs(f.period) });
  return all(
    tx,
    sql`select t.county_code as county, count(distinct t.worker_id)::int as people,
        count(*) filter (where t.status = 'employed')::int as employed,
        count(*) filter (where t.status = 'self_employed')::int as "selfEmployed",
        count(*) filter (where t.status = 'seeking')::int as seeking,
        count(*) filter (where t.status = 'returned')::int as returned,
        coalesce(round(avg(t.income_fen)), 0)::float8 as "avgIncomeFen"
      from outbound_surveys t ${where} group by t.county_code order by t.county_code`,
  );
}

export async function findDemand(tx: Executor, countyCode: string, id: string): Promise<DemandRow | undefined> {
  return one(
    tx,
    sql`select ${DEMAND_COLUMNS} from demand_surveys t left join regions r on r.code = t.region_code
      where t.county_code = ${countyCode} and t.id = ${id}::uuid`,
  );
}

export async function findOutbound(tx: Executor, countyCode: string, id: string): Promise<OutboundRow | undefined> {
  return one(
    tx,
    sql`select ${OUTBOUND_COLUMNS} from outbound_surveys t left join regions r on r.code = t.region_code
      where t.county_code = ${countyCode} and t.id = ${id}::uuid`,
  );
}

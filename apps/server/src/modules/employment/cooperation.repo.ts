import { sql } from 'drizzle-orm';
import { STATION_WORKERS_SHOWN } from '@mwsp/domain';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { listWhere, OWNED_COLUMNS, paging, type ListFilter } from './programs.repo.js';

/**
 * SQL of labour cooperation (劳务对接): agreements, service stations, organised outbound groups, labour brands and
 * model townships/villages. Runs in the caller's transaction.
 */

interface Owned {
  countyCode: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}
interface OwnedRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
}
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

// ---------------------------------------------------------------- agreements

export interface AgreementRow extends OwnedRow {
  destination: string;
  destinationRegionCode: string | null;
  originParty: string;
  destinationParty: string;
  startDate: string;
  endDate: string;
  terms: string;
  targetCount: number;
}

export async function insertAgreement(tx: Executor, a: Owned & Omit<AgreementRow, keyof OwnedRow>): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into coop_agreements (county_code, destination, destination_region_code, origin_party, destination_party,
        start_date, end_date, terms, target_count, region_code, created_by, department_id)
      values (${a.countyCode}, ${a.destination}, ${a.destinationRegionCode}, ${a.originParty}, ${a.destinationParty},
        ${a.startDate}, ${a.endDate}, ${a.terms}, ${a.targetCount}, ${a.regionCode}, ${a.ownerId}, ${a.departmentId})
      returning id`,
  );
  return row!.id;
}

const AGREEMENT_COLUMNS = sql`${OWNED_COLUMNS}, t.destination, t.destination_region_code as "destinationRegionCode",
  t.origin_party as "originParty", t.destination_party as "destinationParty", t.start_date::text as "startDate",
  t.end_date::text as "endDate", t.terms, t.target_count as "targetCount"`;

export async function listAgreements(tx: Executor, f: ListFilter) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.destination`, sql`t.origin_party`, sql`t.destination_party`],
  });
  const rows = await all<AgreementRow>(
    tx,
    sql`select ${AGREEMENT_COLUMNS} from coop_agreements t left join regions r on r.code = t.region_code ${where}
      order by t.start_date desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from coop_agreements t ${where}`);
  return { rows, total: total!.n };
}

/** An agreement by id (any county the caller sees). */
export async function findAgreement(tx: Executor, id: string): Promise<AgreementRow | undefined> {
  return one(
    tx,
    sql`select ${AGREEMENT_COLUMNS} from coop_agreements t left join regions r on r.code = t.region_code
      where t.id = ${id}::uuid ${countyRoute('t.county_code')}`,
  );
}

/** People sent by organised groups under each agreement (groups the caller can see). */
export async function sentUnder(tx: Executor, agreementIds: string[]): Promise<Map<string, number>> {
  if (agreementIds.length === 0) return new Map();
  const rows = await all<{ id: string; n: number }>(
    tx,
    sql`select agreement_id as id, sum(people)::int as n from coop_groups
      where agreement_id = any(${uuids(agreementIds)}::uuid[]) group by agreement_id`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

// ---------------------------------------------------------------- service stations

export interface StationRow extends OwnedRow {
  name: string;
  agreementId: string | null;
  destination: string;
  address: string;
  establishedOn: string;
  staff: { name: string; phone: string; duty: string }[];
  workersServed: number;
  /** The first STATION_WORKERS_SHOWN workers served (ids; the service adds their masked names). */
  workerIds: string[];
}

export async function insertStation(
  tx: Executor,
  s: Owned & Omit<StationRow, keyof OwnedRow | 'workersServed'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into coop_stations (county_code, name, agreement_id, destination, address, established_on, staff,
        worker_ids, region_code, created_by, department_id)
      values (${s.countyCode}, ${s.name}, ${s.agreementId}, ${s.destination}, ${s.address}, ${s.establishedOn},
        ${JSON.stringify(s.staff)}::jsonb, ${uuids(s.workerIds)}::uuid[], ${s.regionCode}, ${s.ownerId},
        ${s.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function listStations(tx: Executor, f: ListFilter & { id?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.name`, sql`t.destination`],
    extra: f.id ? [sql` and t.id = ${f.id}::uuid`] : [],
  });
  const rows = await all<StationRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.name, t.agreement_id as "agreementId", t.destination, t.address,
        t.established_on::text as "establishedOn", t.staff, cardinality(t.worker_ids) as "workersServed",
        t.worker_ids[1:${sql.raw(String(STATION_WORKERS_SHOWN))}]::text[] as "workerIds"
      from coop_stations t left join regions r on r.code = t.region_code ${where}
      order by t.established_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from coop_stations t ${where}`);
  return { rows, total: total!.n };
}

// ---------------------------------------------------------------- organised outbound groups

export interface GroupRow extends OwnedRow {
  departedOn: string;
  destination: string;
  agreementId: string | null;
  people: number;
  members: { workerId: string; workplace: string }[];
}

export async function insertGroup(tx: Executor, g: Owned & Omit<GroupRow, keyof OwnedRow>): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into coop_groups (county_code, departed_on, destination, agreement_id, members, people, region_code,
        created_by, department_id)
      values (${g.countyCode}, ${g.departedOn}, ${g.destination}, ${g.agreementId}, ${JSON.stringify(g.members)}::jsonb,
        ${g.people}, ${g.regionCode}, ${g.ownerId}, ${g.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function listGroups(tx: Executor, f: ListFilter & { id?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.destination`],
    extra: f.id ? [sql` and t.id = ${f.id}::uuid`] : [],
  });
  const rows = await all<GroupRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.departed_on::text as "departedOn", t.destination, t.agreement_id as "agreementId",
        t.people, t.members
      from coop_groups t left join regions r on r.code = t.region_code ${where}
      order by t.departed_on desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from coop_groups t ${where}`);
  return { rows, total: total!.n };
}

// ---------------------------------------------------------------- labour brands

export interface BrandRow extends OwnedRow {
  name: string;
  occupation: string | null;
  description: string;
  members: number;
}

/** Inserts a labour brand; null when the county has a brand of that name. */
export async function insertBrand(
  tx: Executor,
  b: Owned & Omit<BrandRow, keyof OwnedRow | 'members'> & { workerIds: string[] },
): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into labour_brands (county_code, name, occupation, description, worker_ids, region_code, created_by,
        department_id)
      values (${b.countyCode}, ${b.name}, ${b.occupation}, ${b.description}, ${uuids(b.workerIds)}::uuid[],
        ${b.regionCode}, ${b.ownerId}, ${b.departmentId})
      on conflict (county_code, name) do nothing
      returning id`,
  );
  return row?.id ?? null;
}

export async function listBrands(tx: Executor, f: ListFilter & { id?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.name`, sql`t.description`],
    extra: f.id ? [sql` and t.id = ${f.id}::uuid`] : [],
  });
  const rows = await all<BrandRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.name, t.occupation, t.description, cardinality(t.worker_ids) as members
      from labour_brands t left join regions r on r.code = t.region_code ${where}
      order by t.name, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from labour_brands t ${where}`);
  return { rows, total: total!.n };
}

// ---------------------------------------------------------------- model townships and villages

export interface ModelSiteRow extends OwnedRow {
  kind: string;
  name: string;
  year: number;
  transferred: number;
  notes: string;
}

/** Inserts a model site; null when the township or village is one already that year (unique in its county). */
export async function insertModelSite(
  tx: Executor,
  m: Owned & Omit<ModelSiteRow, keyof OwnedRow>,
): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into model_sites (county_code, kind, name, year, transferred, notes, region_code, created_by,
        department_id)
      values (${m.countyCode}, ${m.kind}, ${m.name}, ${m.year}, ${m.transferred}, ${m.notes}, ${m.regionCode},
        ${m.ownerId}, ${m.departmentId})
      on conflict (county_code, region_code, year) do nothing
      returning id`,
  );
  return row?.id ?? null;
}

export async function listModelSites(tx: Executor, f: ListFilter & { id?: string }) {
  const where = listWhere({
    ...f,
    qColumns: [sql`t.name`, sql`t.notes`],
    extra: f.id ? [sql` and t.id = ${f.id}::uuid`] : [],
  });
  const rows = await all<ModelSiteRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.kind, t.name, t.year, t.transferred, t.notes
      from model_sites t left join regions r on r.code = t.region_code ${where}
      order by t.year desc, t.region_code, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from model_sites t ${where}`);
  return { rows, total: total!.n };
}

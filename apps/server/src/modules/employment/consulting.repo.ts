import { sql, type SQL } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import { listWhere, OWNED_COLUMNS, paging, type ListFilter } from './programs.repo.js';

/** SQL of the policy consulting log (政策咨询). */

export interface ConsultationRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  askedOn: string;
  topic: string;
  channel: string;
  asker: string;
  question: string;
  answer: string;
}

export async function insertConsultation(
  tx: Executor,
  c: {
    countyCode: string;
    regionCode: string;
    ownerId: string | null;
    departmentId: string | null;
  } & Omit<ConsultationRow, 'id' | 'regionName' | 'createdAt'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into consultations (county_code, asked_on, topic, channel, asker, question, answer, region_code,
        created_by, department_id)
      values (${c.countyCode}, ${c.askedOn}, ${c.topic}, ${c.channel}, ${c.asker}, ${c.question}, ${c.answer},
        ${c.regionCode}, ${c.ownerId}, ${c.departmentId})
      returning id`,
  );
  return row!.id;
}

/** Several enquiries (as `insertConsultation`, at once; the demo's year of enquiries). */
export async function insertConsultations(
  tx: Executor,
  rows: ({
    countyCode: string;
    regionCode: string;
    ownerId: string | null;
    departmentId: string | null;
  } & Omit<ConsultationRow, 'id' | 'regionName' | 'createdAt'>)[],
): Promise<void> {
  for (const slice of statementSlices(rows, 10)) {
    const values = slice.map(
      (c) =>
        sql`(${c.countyCode}, ${c.askedOn}::date, ${c.topic}, ${c.channel}, ${c.asker}, ${c.question}, ${c.answer},
          ${c.regionCode}, ${c.ownerId}::uuid, ${c.departmentId}::uuid)`,
    );
    await tx.execute(
      sql`insert into consultations (county_code, asked_on, topic, channel, asker, question, answer, region_code,
          created_by, department_id)
        values ${sql.join(values, sql`, `)}`,
    );
  }
}

type ConsultFilter = ListFilter & { topic?: string; channel?: string; id?: string };

function where(f: ConsultFilter): SQL {
  const extra: SQL[] = [];
  if (f.topic) extra.push(sql` and t.topic = ${f.topic}`);
  if (f.channel) extra.push(sql` and t.channel = ${f.channel}`);
  if (f.id) extra.push(sql` and t.id = ${f.id}::uuid`);
  return listWhere({ ...f, qColumns: [sql`t.question`, sql`t.answer`, sql`t.asker`], extra });
}

export async function listConsultations(tx: Executor, f: ConsultFilter) {
  const w = where(f);
  const rows = await all<ConsultationRow>(
    tx,
    sql`select ${OWNED_COLUMNS}, t.asked_on::text as "askedOn", t.topic, t.channel, t.asker, t.question, t.answer
      from consultations t left join regions r on r.code = t.region_code ${w}
      order by t.asked_on desc, t.created_at desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from consultations t ${w}`);
  return { rows, total: total!.n };
}

/** Counts by topic, by channel and by county of the enquiries the caller can see. */
export async function consultationCounts(tx: Executor, f: ConsultFilter) {
  const w = where(f);
  const [byTopic, byChannel, byCounty] = [
    await all<{ key: string; count: number }>(
      tx,
      sql`select t.topic as key, count(*)::int as count from consultations t ${w} group by t.topic order by 2 desc`,
    ),
    await all<{ key: string; count: number }>(
      tx,
      sql`select t.channel as key, count(*)::int as count from consultations t ${w} group by t.channel order by 2 desc`,
    ),
    await all<{ key: string; count: number }>(
      tx,
      sql`select t.county_code as key, count(*)::int as count from consultations t ${w}
        group by t.county_code order by t.county_code`,
    ),
  ];
  return { byTopic, byChannel, byCounty };
}

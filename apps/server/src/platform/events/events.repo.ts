import { countyCodeOf } from '@mwsp/domain';
import { unnestRows } from '../../db/bulk.js';
import { sql } from 'drizzle-orm';
import { all, onDistributedEngine, type Executor } from '../../db/client.js';
import type { Principal } from '../access/principal.js';

/** A domain event: something that happened to a subject, told in one Chinese line without personal data. */
export interface DomainEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  regionCode: string;
  summary: string;
  data?: Record<string, unknown>;
}
export interface TimelineEntry {
  id: number;
  ts: Date;
  type: string;
  summary: string;
  actor: string | null;
  data: Record<string, unknown>;
}

/** The `events` table: the only place with its SQL. */
export async function insertEvents(
  tx: Executor,
  ts: string,
  actor: Principal | null,
  events: DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  if (onDistributedEngine()) {
    const rows = events.map(
      (e) =>
        sql`(${ts}::timestamptz, ${e.type}, ${e.subjectType}, ${e.subjectId}::uuid, ${e.regionCode},
          ${countyCodeOf(e.regionCode)}, ${actor?.userId ?? null}::uuid, ${actor?.displayName ?? null}, ${e.summary},
          ${JSON.stringify(e.data ?? {})}::jsonb)`,
    );
    await tx.execute(
      sql`insert into events (ts, type, subject_type, subject_id, region_code, county_code, actor_id, actor_name,
        summary, data)
        values ${sql.join(rows, sql`, `)}`,
    );
    return;
  }
  // One set-based statement (db/bulk.ts): a batch of 1,000 events is one array parameter per column.
  await tx.execute(
    sql`insert into events (ts, type, subject_type, subject_id, region_code, county_code, actor_id, actor_name,
      summary, data)
      select ${ts}::timestamptz, type, subject_type, subject_id, region_code, county_code,
        ${actor?.userId ?? null}::uuid, ${actor?.displayName ?? null}, summary, data::jsonb
      from ${unnestRows('u', [
        { name: 'type', type: 'text', values: events.map((e) => e.type) },
        { name: 'subject_type', type: 'text', values: events.map((e) => e.subjectType) },
        { name: 'subject_id', type: 'uuid', values: events.map((e) => e.subjectId) },
        { name: 'region_code', type: 'text', values: events.map((e) => e.regionCode) },
        { name: 'county_code', type: 'text', values: events.map((e) => countyCodeOf(e.regionCode)) },
        { name: 'summary', type: 'text', values: events.map((e) => e.summary) },
        { name: 'data', type: 'text', values: events.map((e) => JSON.stringify(e.data ?? {})) },
      ])}`,
  );
}

export async function reassignSubject(tx: Executor, subjectType: string, fromId: string, toId: string): Promise<void> {
  await tx.execute(
    sql`update events set subject_id = ${toId}::uuid
      where subject_type = ${subjectType} and subject_id = ${fromId}::uuid`,
  );
}

export async function timelineOf(
  tx: Executor,
  subjectType: string,
  subjectId: string,
  limit: number,
): Promise<TimelineEntry[]> {
  const rows = await all<TimelineEntry>(
    tx,
    sql`select id::int8 as id, ts, type, summary, actor_name as actor, data from events
        where subject_type = ${subjectType} and subject_id = ${subjectId}::uuid order by id desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The events of one subject whose type starts with one of the prefixes, oldest first. */
export async function historyOf(
  tx: Executor,
  subjectType: string,
  subjectId: string,
  typePrefixes: string[],
  limit: number,
): Promise<{ ts: Date; type: string; summary: string; actor: string | null }[]> {
  const types = sql.join(
    typePrefixes.map((t) => sql`type like ${t.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%'}`),
    sql` or `,
  );
  return all(
    tx,
    sql`select ts, type, summary, actor_name as actor from events
    where (subject_type = ${subjectType} and subject_id = ${subjectId}::uuid and (${types}))
    order by id limit ${limit}`,
  );
}

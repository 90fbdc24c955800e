import { sql } from 'drizzle-orm';
import { all, type Database, type Executor } from '../../db/client.js';
import { dbScopeOf, type Principal } from '../access/principal.js';

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

/**
 * The events table, written in the same transaction as the change (so an event exists exactly when
 * the change does). Modules publish; timelines (一人一档) and statistics read, without knowing which
 * module wrote an entry.
 */
export class EventLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async emit(tx: Executor, actor: Principal | null, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const ts = this.now().toISOString();
    const rows = events.map(
      (e) =>
        sql`(${ts}::timestamptz, ${e.type}, ${e.subjectType}, ${e.subjectId}::uuid, ${e.regionCode}, ${actor?.userId ?? null}::uuid, ${actor?.displayName ?? null}, ${e.summary}, ${JSON.stringify(e.data ?? {})}::jsonb)`,
    );
    await tx.execute(
      sql`insert into events (ts, type, subject_type, subject_id, region_code, actor_id, actor_name, summary, data) values ${sql.join(rows, sql`, `)}`,
    );
  }

  /** Moves every event of one subject to another (used when duplicate records are merged). */
  async reassign(tx: Executor, subjectType: string, fromId: string, toId: string): Promise<void> {
    await tx.execute(
      sql`update events set subject_id = ${toId}::uuid where subject_type = ${subjectType} and subject_id = ${fromId}::uuid`,
    );
  }

  /**
   * Runs in the caller's transaction: the events of one subject whose type starts with one of the
   * prefixes, oldest first.
   */
  async history(
    tx: Executor,
    subjectType: string,
    subjectId: string,
    typePrefixes: string[],
    limit = 500,
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

  async timeline(p: Principal, subjectType: string, subjectId: string, limit = 500): Promise<TimelineEntry[]> {
    return this.db
      .scoped(dbScopeOf(p), (tx) =>
        all<TimelineEntry>(
          tx,
          sql`select id::int8 as id, ts, type, summary, actor_name as actor, data from events
        where subject_type = ${subjectType} and subject_id = ${subjectId}::uuid order by id desc limit ${limit}`,
        ),
      )
      .then((rows) => rows.map((r) => ({ ...r, id: Number(r.id) })));
  }
}

import type { Database, Executor } from '../../db/client.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import * as repo from './events.repo.js';
import type { DomainEvent, TimelineEntry } from './events.repo.js';

export type { DomainEvent, TimelineEntry };

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
    await repo.insertEvents(tx, this.now().toISOString(), actor, events);
  }

  /** Moves every event of one subject to another (used when duplicate records are merged). */
  async reassign(tx: Executor, subjectType: string, fromId: string, toId: string): Promise<void> {
    await repo.reassignSubject(tx, subjectType, fromId, toId);
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
    return repo.historyOf(tx, subjectType, subjectId, typePrefixes, limit);
  }

  async timeline(p: Principal, subjectType: string, subjectId: string, limit = 500): Promise<TimelineEntry[]> {
    return this.db.scoped(dbScopeOf(p), (tx) => repo.timelineOf(tx, subjectType, subjectId, limit));
  }
}

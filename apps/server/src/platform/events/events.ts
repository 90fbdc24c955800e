import type { Database, Executor } from '../../db/client.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import * as repo from './events.repo.js';
import type { DomainEvent, TimelineEntry } from './events.repo.js';

export type { DomainEvent, TimelineEntry };

/**
 * Reacts to an event inside the emitter's transaction, after the event is written: what it changes
 * commits or rolls back with the change itself, and its failure fails the change. It runs with the
 * emitter's database scope (a module that must write outside it does so through a SECURITY DEFINER
 * function of its own). Modules install listeners in their `register`.
 */
export type EventListener = (tx: Executor, event: DomainEvent) => Promise<void>;

/**
 * The events table, written in the same transaction as the change (so an event exists exactly when
 * the change does). Modules publish; timelines (一人一档) and statistics read, without knowing which
 * module wrote an entry.
 */
export class EventLog {
  private readonly listeners = new Map<string, EventListener[]>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async emit(tx: Executor, actor: Principal | null, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await repo.insertEvents(tx, this.now().toISOString(), actor, events);
    for (const event of events) {
      for (const listener of this.listeners.get(event.type) ?? []) await listener(tx, event);
    }
  }

  /** Calls `listener` for every event of this type, in the emitting transaction (see EventListener). */
  on(type: string, listener: EventListener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
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

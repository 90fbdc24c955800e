import { describe, expect, it } from 'vitest';
import type { Database, Executor } from '../../db/client.js';
import { EventLog, type DomainEvent } from './events.js';

describe('EventLog listeners', () => {
  it("calls the listeners of an event's type in the emitting transaction, after the event is written", async () => {
    const calls: string[] = [];
    const tx = {
      execute: async () => {
        calls.push('insert');
        return { rows: [] };
      },
    } as unknown as Executor;
    const log = new EventLog({} as Database, () => new Date('2026-03-01T00:00:00Z'));
    log.on('employer.updated', async (t, e) => {
      expect(t).toBe(tx);
      calls.push(`first ${e.subjectId}`);
    });
    log.on('employer.updated', async (_t, e) => void calls.push(`second ${e.subjectId}`));
    log.on('worker.updated', async () => void calls.push('never'));
    const event: DomainEvent = {
      type: 'employer.updated',
      subjectType: 'employer',
      subjectId: 'e1',
      regionCode: '530102',
      summary: '用工单位信息变更',
    };
    await log.emit(tx, null, [event]);
    expect(calls).toEqual(['insert', 'first e1', 'second e1']);
  });

  it("fails the emitter's change when a listener fails", async () => {
    const tx = { execute: async () => ({ rows: [] }) } as unknown as Executor;
    const log = new EventLog({} as Database, () => new Date());
    log.on('x', async () => {
      throw new Error('listener failed');
    });
    await expect(
      log.emit(tx, null, [{ type: 'x', subjectType: 's', subjectId: 'i', regionCode: '5301', summary: '…' }]),
    ).rejects.toThrow('listener failed');
  });
});

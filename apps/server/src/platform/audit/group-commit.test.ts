/**
 * The audit group commit writes onto the chain head it last wrote without reading it first (audit.ts
 * appendBatch, audit.repo.ts appendRowsAt). Two writers (two instances' AuditLog on one database) and appends
 * inside business transactions interleave: every entry is committed once, in one gap-free chain that verifies.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, SYSTEM_SCOPE } from '../../db/client.js';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { AuditLog } from './audit.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const count = async () => (await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from audit_log`))!.n;

describe('audit group commit onto a known head', () => {
  it('keeps one verifiable chain when other writers move the head in between', async () => {
    const a = new AuditLog(t.db, t.keys, t.clock.now);
    const b = new AuditLog(t.db, t.keys, t.clock.now);
    const before = await count();
    let written = 0;
    for (let round = 0; round < 6; round++) {
      // a and b each think they know the head after their own write; the other one's write moves it
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 5; i++) {
        writes.push(
          a.record({ username: 'writer_a' }, { action: 'test.group', outcome: 'success', objectId: `a${round}.${i}` }),
        );
        writes.push(
          b.record({ username: 'writer_b' }, { action: 'test.group', outcome: 'success', objectId: `b${round}.${i}` }),
        );
      }
      await Promise.all(writes);
      written += 10;
      // an append inside a business transaction (a third writer of the head)
      await t.db.scoped(SYSTEM_SCOPE, (tx) =>
        t.services.audit.append(tx, { username: 'writer_tx' }, { action: 'test.group', outcome: 'success' }),
      );
      written += 1;
    }
    expect(await count()).toBe(before + written);
    const ids = await one<{ n: number; d: number }>(
      t.db.owner,
      sql`select count(*)::int as n, count(distinct object_id)::int as d from audit_log
        where action = 'test.group' and object_id is not null`,
    );
    expect(ids).toEqual({ n: 60, d: 60 });
    const chain = await a.verify();
    expect(chain.ok, chain.reason ?? '').toBe(true);
    expect(chain.checked).toBe(before + written);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, pgErrorMessage, SYSTEM_SCOPE } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let aud: { cookie: string };
let sys: { cookie: string };

beforeAll(async () => {
  t = await startTestPlatform();
  sys = await signIn(t, 'sysadmin');
  aud = await signIn(t, 'auditor');
  for (let i = 0; i < 5; i++)
    await api(t, 'POST', '/api/users', {
      cookie: sys.cookie,
      body: { username: `audit_u${i}`, displayName: `用户${i}`, departmentId: null, regionCode: '530102' },
    });
});
afterAll(async () => t?.close());

async function verify() {
  const r = await api(t, 'GET', '/api/audit/verify', { cookie: aud.cookie });
  expect(r.statusCode).toBe(200);
  return r.json() as { ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null };
}

/**
 * Tampering needs the table owner to switch the append-only triggers off first — as an attacker with DB access would.
 */
async function asOwnerWithoutTriggers(statement: ReturnType<typeof sql>) {
  await t.db.owner.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

describe('audit log', () => {
  it('records who did what, with outcome, and lists it for the auditor with filters', async () => {
    const r = await api(t, 'GET', '/api/audit?action=user.create&pageSize=50', { cookie: aud.cookie });
    const items = r.json().items as {
      username: string;
      action: string;
      outcome: string;
      ts: string;
      objectId: string;
    }[];
    expect(items.filter((i) => i.username === 'sysadmin')).toHaveLength(5);
    expect(items[0]).toMatchObject({ action: 'user.create', outcome: 'success' });
    expect(items[0].objectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json()).not.toHaveProperty('items.0.mac');
  });

  it('is append-only for the application role and even for the owner while the triggers stand', async () => {
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) => tx.execute(sql`update audit_log set outcome = 'success' where seq = 1`)),
    ).rejects.toThrow();
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) => tx.execute(sql`delete from audit_log where seq = 1`)),
    ).rejects.toThrow();
    const appendOnly = (e: unknown) => /append-only|只能追加/.test(pgErrorMessage(e));
    await expect(t.db.owner.execute(sql`delete from audit_log where seq = 1`)).rejects.toSatisfy(appendOnly);
    await expect(t.db.owner.execute(sql`truncate audit_log`)).rejects.toSatisfy(appendOnly);
  });

  it('holds the entries appended inside together(), chains them in order at its end, none if it fails', async () => {
    const actor = { username: 'together_test' };
    const mine = () =>
      all<{ action: string; seq: string }>(
        t.db.owner,
        sql`select action, seq::text as seq from audit_log where username = 'together_test' order by seq`,
      );
    await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      t.services.audit.together(tx, async () => {
        await t.services.audit.append(tx, actor, { action: 'together.a', outcome: 'success' });
        await t.services.audit.together(tx, () =>
          t.services.audit.append(tx, actor, { action: 'together.b', outcome: 'success' }),
        );
        await t.services.audit.appendAll(tx, [{ actor, entry: { action: 'together.c', outcome: 'success' } }]);
        // held back until the callback is done
        const seen = await all(tx, sql`select 1 from audit_log where username = 'together_test'`);
        expect(seen).toHaveLength(0);
      }),
    );
    const rows = await mine();
    expect(rows.map((r) => r.action)).toEqual(['together.a', 'together.b', 'together.c']);
    expect(Number(rows[2].seq) - Number(rows[0].seq)).toBe(2);
    await expect(
      t.db.scoped(SYSTEM_SCOPE, (tx) =>
        t.services.audit.together(tx, async () => {
          await t.services.audit.append(tx, actor, { action: 'together.lost', outcome: 'success' });
          throw new Error('boom');
        }),
      ),
    ).rejects.toThrow('boom');
    expect((await mine()).map((r) => r.action)).toEqual(['together.a', 'together.b', 'together.c']);
    expect((await verify()).ok).toBe(true);
  });

  it('verifies an intact chain, then finds an edited row, a removed row and a removed tail', async () => {
    const intact = await verify();
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(10);

    const target = 4;
    const original = await one<{ detail: string }>(
      t.db.owner,
      sql`select detail::text as detail from audit_log where seq = ${target}`,
    );
    await asOwnerWithoutTriggers(sql`update audit_log set outcome = 'failure' where seq = ${target}`);
    let r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBrokenSeq).toBe(target);
    expect(r.reason).toContain('篡改');
    await asOwnerWithoutTriggers(
      sql`update audit_log set outcome = 'success', detail = ${original!.detail}::jsonb where seq = ${target}`,
    );
    expect((await verify()).ok).toBe(true);

    // Removing the newest rows leaves a chain that verifies row by row, but the head remembers.
    const tail = await all<Record<string, unknown>>(
      t.db.owner,
      sql`select * from audit_log where seq > (select max(seq) - 2 from audit_log) order by seq`,
    );
    await asOwnerWithoutTriggers(sql`delete from audit_log where seq > (select max(seq) - 2 from audit_log)`);
    r = await verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('链尾');
    for (const row of tail) {
      await t.db.owner.execute(
        sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify(row)}::json)`,
      );
    }
    // (the verify calls above appended rows after the deleted tail; the re-inserted rows restore the gap only)

    await asOwnerWithoutTriggers(sql`delete from audit_log where seq = 6`);
    r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBrokenSeq).toBe(6);
    expect(r.reason).toContain('缺失');
  });

  it('fails closed: when the audit cannot be written, the audited operation does not happen (503)', async () => {
    await t.db.owner.execute(sql`revoke insert on audit_log from mwsp_app`);
    try {
      const r = await api(t, 'POST', '/api/users', {
        cookie: sys.cookie,
        body: { username: 'never_created', displayName: '不应创建', departmentId: null, regionCode: '530102' },
      });
      expect(r.statusCode).toBe(503);
      expect(r.json().detail).toContain('审计');
    } finally {
      await t.db.owner.execute(sql`grant insert on audit_log to mwsp_app`);
    }
    const u = await one(t.db.owner, sql`select 1 from users where username = 'never_created'`);
    expect(u).toBeUndefined();
  });
});

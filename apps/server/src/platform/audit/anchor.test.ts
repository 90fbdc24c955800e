/**
 * Issue #8, defect 17: a superuser who deletes the newest audit rows and rewrites the chain head
 * leaves a chain that verifies on its own. An anchor kept outside the database catches it.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let aud: { cookie: string };
let sys: { cookie: string };

beforeAll(async () => {
  t = await startTestPlatform();
  sys = await signIn(t, 'sysadmin');
  aud = await signIn(t, 'auditor');
  for (let i = 0; i < 4; i++)
    await api(t, 'POST', '/api/users', {
      cookie: sys.cookie,
      body: { username: `anchor_u${i}`, displayName: `用户${i}`, departmentId: null, regionCode: '530102' },
    });
});
afterAll(async () => t?.close());

async function anchor() {
  const r = await api(t, 'GET', '/api/audit/anchor', { cookie: aud.cookie });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-disposition']).toMatch(/attachment; filename="audit-anchor-\d+\.json"/);
  return r.json() as { seq: number; mac: string; anchorMac: string; ts: string; kid: string; format: string };
}

async function verifyWith(a: unknown) {
  return api(t, 'POST', '/api/audit/verify', { cookie: aud.cookie, body: { anchor: a } });
}

async function asOwnerWithoutTriggers(...statements: ReturnType<typeof sql>[]) {
  await t.db.owner.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    for (const s of statements) await tx.execute(s);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

describe('audit chain anchors', () => {
  it('gives the auditor (only) a MAC’d anchor of the chain head, audited', async () => {
    const a = await anchor();
    // The anchor is taken before its own audit entry: it names the row just before that entry.
    const row = await one<{ mac: string; next: string }>(
      t.db.owner,
      sql`select mac, (select action from audit_log where seq = ${a.seq + 1}) as next from audit_log
        where seq = ${a.seq}`,
    );
    expect(a.mac).toBe(row!.mac);
    expect(row!.next).toBe('audit.anchor');
    expect(a.anchorMac).toMatch(/^[0-9a-f]{64}$/);
    expect((await api(t, 'GET', '/api/audit/anchor', { cookie: sys.cookie })).statusCode).toBe(403);
    const audited = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'audit.anchor' and username = 'auditor'`,
    );
    expect(audited!.n).toBeGreaterThanOrEqual(1);
    const r = await verifyWith(a);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, anchorSeq: a.seq });
  });

  it('refuses an anchor that was edited or not issued by this platform', async () => {
    const a = await anchor();
    const edited = await verifyWith({ ...a, seq: a.seq - 1 });
    expect(edited.statusCode).toBe(400);
    expect(edited.headers['content-type']).toContain('application/problem+json');
    expect(edited.json().detail).toContain('锚点');
    expect((await verifyWith({ ...a, anchorMac: 'ab' })).statusCode).toBe(400);
    expect((await verifyWith({ nope: 1 })).statusCode).toBe(400);
  });

  it('finds a tail cut with a rewritten head, which verification without the anchor cannot see', async () => {
    const a = await anchor();
    // The attacker: remove the last rows up to and including the anchored one, and point the head at the new last row.
    const keep = a.seq - 3;
    const last = await one<{ mac: string }>(t.db.owner, sql`select mac from audit_log where seq = ${keep}`);
    await asOwnerWithoutTriggers(
      sql`delete from audit_log where seq > ${keep}`,
      sql`update audit_head set seq = ${keep}, mac = ${last!.mac} where id = 1`,
    );
    const plain = await api(t, 'GET', '/api/audit/verify', { cookie: aud.cookie });
    expect(plain.json().ok).toBe(true); // the chain on its own looks intact (the gap this fix closes)

    const r = await verifyWith(a);
    expect(r.statusCode).toBe(200);
    expect(r.json().ok).toBe(false);
    expect(r.json().reason).toContain('截断');
    expect(r.json().anchorSeq).toBe(a.seq);

    // Requests go on and the chain grows past the anchored seq again: the MAC there differs.
    for (let i = 0; i < 6; i++) await api(t, 'GET', '/api/audit?pageSize=1', { cookie: aud.cookie });
    const again = await verifyWith(a);
    expect(again.json().ok).toBe(false);
    expect(again.json().firstBrokenSeq).toBe(a.seq);
    expect(again.json().reason).toContain('校验值与锚点');
  });

  it('documents the anchor and the verification in the OpenAPI file', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/audit/anchor'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/audit/verify'].post.requestBody).toBeDefined();
  });

  it('writes periodic checkpoints of the chain head to the log', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const p = await startTestPlatform({ deps: { logLevel: 'info', logStream, auditAnchorMinutes: 0.002 } });
    try {
      // every 0.12 s; allow up to 30 s for the first one on a loaded machine
      for (let i = 0; i < 600 && !lines.some((l) => l.includes('auditAnchor')); i++)
        await new Promise((r) => setTimeout(r, 50));
      const line = JSON.parse(lines.find((l) => l.includes('auditAnchor'))!);
      expect(line.auditAnchor).toMatchObject({ format: 'mwsp-audit-anchor/1' });
      expect(p.services.audit.anchorValid(line.auditAnchor)).toBe(true);
    } finally {
      await p.close();
    }
  }, 180_000); // starts a platform of its own (up to a minute on Citus under load)
});

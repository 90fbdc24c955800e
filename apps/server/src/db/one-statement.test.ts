import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { testDatabaseUrl } from '../../../../tools/test/db.js';
import { all, openDatabase, pgErrorMessage, type Database } from './client.js';
import { migrate } from './migrate.js';

/**
 * `db.scoped(scope, fn, { oneStatement: true })`: the hot single read. On PostgreSQL (without Citus) BEGIN, the
 * scope, the statement and COMMIT go in one round trip; the scope applies as in any scoped transaction (RLS), a
 * second statement is refused, and a failing statement leaves the connection clean.
 */
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ url: await testDatabaseUrl(), poolSize: 2 });
  await migrate(db);
  await db.owner.execute(sql`insert into regions (code, name, level, parent_code, full_name)
    values ('5301', '昆明市', 2, null, '昆明市'), ('530102', '五华区', 3, null, '五华区'),
      ('530103', '盘龙区', 3, null, '盘龙区') on conflict (code) do nothing`);
  await db.owner.execute(sql`insert into users (username, display_name, region_code, password_hash)
    values ('os_wuhua', '五华', '530102', 'x'), ('os_panlong', '盘龙', '530103', 'x')`);
}, 120_000);
afterAll(async () => db?.close());

const names = (region: string) =>
  db.scoped(
    { region },
    (tx) => all<{ u: string }>(tx, sql`select username as u from users where username like ${'os\\_%'} order by 1`),
    { oneStatement: true },
  );

describe('db.scoped with oneStatement', () => {
  it('revives timestamps aliased …At / …Until, keeps calendar dates as text', async () => {
    const [r] = await db.scoped({ region: '5301' }, (tx) =>
      all<{ validUntil: unknown; lockedUntil: unknown; createdAt: unknown }>(
        tx,
        sql`select '2027-01-31'::date::text as "validUntil",
          '2027-01-31 08:00:00+08'::timestamptz::text as "lockedUntil", now()::text as "createdAt"`,
      ),
    );
    expect(r.validUntil).toBe('2027-01-31');
    expect(r.lockedUntil).toBeInstanceOf(Date);
    expect((r.lockedUntil as Date).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(r.createdAt).toBeInstanceOf(Date);
  });

  it('applies the region scope (RLS) and answers the statement', async () => {
    expect((await names('530102')).map((r) => r.u)).toEqual(['os_wuhua']);
    expect((await names('5301')).map((r) => r.u)).toEqual(['os_panlong', 'os_wuhua']);
    expect(await names('')).toEqual([]);
  });

  it('refuses a second statement', async () => {
    const err = await db
      .scoped(
        { region: '*' },
        async (tx) => {
          await tx.execute(sql`select 1`);
          await tx.execute(sql`select 2`);
        },
        { oneStatement: true },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(pgErrorMessage(err)).toMatch(/second statement/);
  });

  it('leaves no transaction open after a failing statement', async () => {
    await expect(
      db.scoped({ region: '*' }, (tx) => tx.execute(sql`select 1 / 0`), { oneStatement: true }),
    ).rejects.toThrow();
    for (let i = 0; i < 4; i++) expect((await names('530103')).map((r) => r.u)).toEqual(['os_panlong']);
  });

  it.runIf(process.env.MWSP_TEST_DB === 'postgres')('takes one round trip on PostgreSQL without Citus', async () => {
    const citus = (
      await all<{ c: boolean }>(
        db.owner,
        sql`select exists (select 1 from pg_extension
        where extname = 'citus') as c`,
      )
    )[0].c;
    await names('5301'); // a pooled connection exists: its SET ROLE is not counted
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const query = proto.query;
    let n = 0;
    proto.query = function (this: unknown, ...a: unknown[]) {
      n++;
      return query.apply(this, a);
    };
    try {
      await names('5301');
    } finally {
      proto.query = query;
    }
    expect(n).toBe(citus ? 3 : 1);
  });

  it.runIf(process.env.MWSP_TEST_DB === 'postgres')(
    'prepares the statement once per connection on PostgreSQL without Citus; each scope still applies',
    async () => {
      const citus = (
        await all<{ c: boolean }>(
          db.owner,
          sql`select exists (select 1 from pg_extension where extname = 'citus') as c`,
        )
      )[0].c;
      const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
      const query = proto.query;
      const texts: string[] = [];
      proto.query = function (this: unknown, ...a: unknown[]) {
        const q = a[0] as string | { text?: string };
        texts.push(typeof q === 'string' ? q : (q.text ?? ''));
        return query.apply(this, a);
      };
      try {
        for (let i = 0; i < 10; i++) {
          const region = i % 2 ? '530102' : '530103';
          expect((await names(region)).map((r) => r.u)).toEqual([i % 2 ? 'os_wuhua' : 'os_panlong']);
        }
      } finally {
        proto.query = query;
      }
      const prepares = texts.filter((t) => t.includes('PREPARE mwsp_one_')).length;
      const executes = texts.filter((t) => /EXECUTE mwsp_one_\d+\(/.test(t)).length;
      if (citus) expect([prepares, executes]).toEqual([0, 0]);
      else {
        expect(prepares).toBeLessThanOrEqual(2); // at most once per pooled connection (pool of 2)
        expect(executes).toBe(10);
      }
    },
  );

  it('prepareFirst: several statements, the first prepared once per connection on PostgreSQL', async () => {
    const citus =
      db.kind === 'postgres' &&
      (
        await all<{ c: boolean }>(
          db.owner,
          sql`select exists (select 1 from pg_extension where extname = 'citus') as c`,
        )
      )[0].c;
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const query = proto.query;
    const texts: string[] = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text?: string };
      texts.push(typeof q === 'string' ? q : (q.text ?? ''));
      return query.apply(this, a);
    };
    try {
      for (let i = 0; i < 8; i++) {
        const region = i % 2 ? '530102' : '530103';
        const [first, second] = await db.scoped(
          { region },
          async (tx) => [
            (await all<{ u: string }>(tx, sql`select username as u from users where username like ${'os\\_%'}`)).map(
              (r) => r.u,
            ),
            (await all<{ n: number }>(tx, sql`select ${i}::int as n`))[0].n,
          ],
          { prepareFirst: true },
        );
        expect(first).toEqual([i % 2 ? 'os_wuhua' : 'os_panlong']); // the scope of this transaction (RLS)
        expect(second).toBe(i); // the later statements run as usual
      }
    } finally {
      proto.query = query;
    }
    if (db.kind !== 'postgres') return;
    const prepares = texts.filter((t) => t.includes('PREPARE mwsp_one_')).length;
    const executes = texts.filter((t) => /EXECUTE mwsp_one_\d+\(/.test(t)).length;
    if (citus) expect([prepares, executes]).toEqual([0, 0]);
    else {
      expect(prepares).toBeLessThanOrEqual(2); // at most once per pooled connection (pool of 2)
      expect(executes).toBe(8);
    }
  });

  it('answers the same rows and types as a Drizzle transaction (timestamps, arrays, json, int8, …)', async () => {
    const q = () => sql`select '2026-12-06 10:00+08'::timestamptz as "createdAt", '2026-12-06'::date as d,
      '1 day'::interval as i, array['2026-12-06 10:00+08'::timestamptz] as tss, array[1.5, 2]::numeric[] as nums,
      '{"a": [1]}'::jsonb as j, 9007199254740993::int8 as big, true as b, null::text as n, ${'文本'}::text as t,
      array['x', 'y'] as arr, '2026-12-06 10:00'::timestamp as "localAt", 3.25::numeric as num, 42 as int4`;
    const lean = await db.scoped({ region: '*' }, (tx) => all<Record<string, unknown>>(tx, q()), {
      oneStatement: true,
    });
    const drizzle = await db.scoped({ region: '*' }, (tx) => all<Record<string, unknown>>(tx, q()));
    expect(lean).toEqual(drizzle);
    expect(lean[0].createdAt).toBeInstanceOf(Date); // revived, as every "…At" column
    expect(lean[0].d).toBe('2026-12-06');
  });
});

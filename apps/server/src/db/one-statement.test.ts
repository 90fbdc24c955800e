import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { seedTwoDistricts } from '../test/two-districts.fixture.js';
import { all, pgErrorMessage, type Database } from './client.js';
import { useMigratedDatabase } from '../test/migrated-db.js';

/**
 * `db.scoped(scope, fn, { oneStatement: true })`: the hot single read. On PostgreSQL (without Citus) BEGIN, the
 * scope, the statement and COMMIT go in one round trip; the scope applies as in any scoped transaction (RLS), a
 * second statement is refused, and a failing statement leaves the connection clean.
 */
let db: Database;
useMigratedDatabase(async (opened) => {
  db = opened;
  await seedTwoDistricts(db, 'os');
}, 120_000);

const onCitus = async () =>
  db.kind === 'postgres' &&
  (await all<{ c: boolean }>(db.owner, sql`select exists (select 1 from pg_extension where extname = 'citus') as c`))[0]
    .c;

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

  it('concurrent reads under different scopes: each under its own scope (coalesced on PostgreSQL)', async () => {
    const before = { ...(db.coalescedReads ?? { reads: 0, batches: 0, retriedAlone: 0 }) };
    const scopes = Array.from({ length: 60 }, (_, i) => ({
      // neighbours share some settings and differ in others: a setting equal to the read before's is not sent again
      region: ['530102', '530103', '', '5301'][i % 4],
      userId: i % 3 === 0 ? null : `00000000-0000-0000-0000-${String(i % 5).padStart(12, '0')}`,
      departmentId: i % 7 === 0 ? `dept-${i}` : null,
      dataScope: (['self', 'department', 'region', null] as const)[i % 4],
    }));
    const answers = await Promise.all(
      scopes.map((scope) =>
        db.scoped(
          scope,
          (tx) =>
            all<{ r: string; u: string; d: string; s: string; names: string[] | null }>(
              tx,
              sql`select current_setting('app.region_scope') as r, current_setting('app.user_id') as u,
                current_setting('app.department_id') as d, current_setting('app.data_scope') as s,
                (select array_agg(username order by username) from users where username like ${'os\\_%'}) as names`,
            ),
          { oneStatement: true },
        ),
      ),
    );
    answers.forEach(([a], i) => {
      const s = scopes[i];
      expect([a.r, a.u, a.d, a.s]).toEqual([s.region, s.userId ?? '', s.departmentId ?? '', s.dataScope ?? '']);
      const visible = {
        '530102': ['os_wuhua'],
        '530103': ['os_panlong'],
        '': null,
        '5301': ['os_panlong', 'os_wuhua'],
      };
      expect(a.names).toEqual(visible[s.region as keyof typeof visible]); // row-level security under this read's scope
    });
    if (db.kind === 'postgres' && db.coalescedReads && !(await onCitus())) {
      // 60 reads issued at once: all but the first ones of the pool wait and share messages
      const reads = db.coalescedReads.reads - before.reads;
      const batches = db.coalescedReads.batches - before.batches;
      expect(reads).toBe(60);
      expect(batches).toBeLessThanOrEqual(10);
    }
  });

  it('a failing read among concurrent ones fails alone; the others are answered', async () => {
    const retried = db.coalescedReads?.retriedAlone ?? 0;
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        i === 11
          ? db.scoped({ region: '*' }, (tx) => tx.execute(sql`select 1 / 0 as x`), { oneStatement: true })
          : names(i % 2 ? '530102' : '530103'),
      ),
    );
    settled.forEach((r, i) => {
      if (i === 11) {
        expect(r.status).toBe('rejected');
        expect(pgErrorMessage((r as PromiseRejectedResult).reason)).toMatch(/division by zero/);
      } else {
        expect(r.status).toBe('fulfilled');
        const rows = (r as PromiseFulfilledResult<{ u: string }[]>).value;
        expect(rows.map((x) => x.u)).toEqual([i % 2 ? 'os_wuhua' : 'os_panlong']);
      }
    });
    if (db.kind === 'postgres' && db.coalescedReads && !(await onCitus()))
      expect(db.coalescedReads.retriedAlone).toBeGreaterThan(retried); // its batch was run again read by read
    // the connections are clean afterwards
    for (let i = 0; i < 4; i++) expect((await names('530103')).map((r) => r.u)).toEqual(['os_panlong']);
  });

  it('offers execute only: the query builder is refused on every backend', async () => {
    const err = await db
      .scoped({ region: '*' }, async (tx) => (tx as unknown as { select: () => unknown }).select(), {
        oneStatement: true,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(err)).toMatch(/execute only/);
  });
});

import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statement } from './statement.js';

const dialect = new PgDialect();
const COLUMNS = sql`u.id, u.name`;

describe('statement (a hot statement built once)', () => {
  it('gives the text and parameters the template gives when built on each call', () => {
    const direct = (a: string, n: number, b: string) =>
      sql`select ${COLUMNS} from users u where u.id = ${a} and u.n > ${n} and ${'fixed'} <> u.name
        and u.code = ${b} and u.alt = ${a}`;
    const built = statement<[string, number, string]>(
      (a, n, b) => sql`select ${COLUMNS} from users u where u.id = ${a} and u.n > ${n} and ${'fixed'} <> u.name
        and u.code = ${b} and u.alt = ${a}`,
    );
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.string(), (a, n, b) => {
        expect(dialect.sqlToQuery(built(a, n, b))).toEqual(dialect.sqlToQuery(direct(a, n, b)));
      }),
    );
  });

  it('keeps each call its own parameters (no state shared between calls)', () => {
    const byId = statement<[string]>((id) => sql`select 1 where x = ${id}`);
    const first = byId('a');
    const second = byId('b');
    expect(dialect.sqlToQuery(first).params).toEqual(['a']);
    expect(dialect.sqlToQuery(second).params).toEqual(['b']);
    expect(dialect.sqlToQuery(first).sql).toBe('select 1 where x = $1');
  });

  it('takes a rest parameter when given its arity (the audit batch: four values and one array per column)', () => {
    const arrays = statement<[number, ...string[]]>(
      (n, ...cols) =>
        sql`select ${n}, ${sql.join(
          cols.map((c) => sql`${c}::text[]`),
          sql`, `,
        )}`,
      3,
    );
    expect(dialect.sqlToQuery(arrays(1, '{a}', '{b}'))).toMatchObject({
      sql: 'select $1, $2::text[], $3::text[]',
      params: [1, '{a}', '{b}'],
    });
  });

  it('refuses a call with the wrong number of arguments', () => {
    const byId = statement<[string]>((id) => sql`select ${id}`);
    expect(() => (byId as (...a: unknown[]) => unknown)('a', 'b')).toThrow(/1 arguments expected, 2 given/);
  });
});

import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocalStatements, sqlLiteral } from './session-settings.js';

/** Values a session setting could carry if a caller were hostile. */
const HOSTILE = [
  '',
  "'",
  "''",
  '\\',
  "\\'",
  "'\\",
  "x' ; RESET ROLE; SELECT '",
  "'; SET LOCAL ROLE postgres; --",
  "E'\\x27",
  '$$; DROP TABLE t; $$',
  '\\\\\\',
  'a\nb\r\tc',
  '中文 区县 530102',
  '5301*',
];

describe('sqlLiteral', () => {
  it('doubles quotes, and doubles backslashes inside E-strings', () => {
    expect(sqlLiteral('530102')).toBe("'530102'");
    expect(sqlLiteral('')).toBe("''");
    expect(sqlLiteral("o'brien")).toBe("'o''brien'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral("\\'")).toBe(" E'\\\\'''");
  });

  it('refuses a NUL byte', () => {
    expect(() => sqlLiteral('53\0')).toThrow(/NUL/);
    expect(() => sqlLiteral('\0')).toThrow(/NUL/);
    expect(() =>
      setLocalStatements({
        role: 'mwsp_app',
        'app.region_scope': '*\0',
        'app.user_id': '',
        'app.department_id': '',
        'app.data_scope': '',
      }),
    ).toThrow(/NUL/);
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() =>
      setLocalStatements({
        role: 'mwsp_app; RESET ROLE',
        'app.region_scope': '',
        'app.user_id': '',
        'app.department_id': '',
        'app.data_scope': '',
      }),
    ).toThrow(/role/);
  });
});

describe('SET LOCAL with quoted literals, parsed by PostgreSQL (PGlite)', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    await db.exec('CREATE ROLE scoped_probe NOLOGIN');
  }, 120_000); // starting PGlite takes seconds on a loaded machine
  afterAll(() => db.close());

  for (const scs of ['on', 'off']) {
    it(`reads every hostile value back unchanged (standard_conforming_strings = ${scs})`, async () => {
      for (const v of HOSTILE) {
        const statements = setLocalStatements({
          role: 'scoped_probe',
          'app.region_scope': v,
          'app.user_id': `u${v}`,
          'app.department_id': `${v}d`,
          'app.data_scope': v,
        });
        // the same multi-statement simple query the PostgreSQL path sends
        const results = await db.exec(
          [
            `SET standard_conforming_strings = ${scs}`,
            'BEGIN',
            ...statements,
            "SELECT current_user AS role, current_setting('app.region_scope') AS r, " +
              "current_setting('app.user_id') AS u, current_setting('app.department_id') AS d, " +
              "current_setting('app.data_scope') AS s",
            'COMMIT',
          ].join(';\n'),
        );
        const row = results.find((r) => r.rows.length)?.rows[0];
        expect(row).toEqual({ role: 'scoped_probe', r: v, u: `u${v}`, d: `${v}d`, s: v });
        // nothing leaked past the transaction (SET LOCAL), and no injected statement ran
        const [after] = (
          await db.query<{ role: string; r: string }>(
            "SELECT current_user AS role, coalesce(current_setting('app.region_scope', true), '') AS r",
          )
        ).rows;
        expect(after).toEqual({ role: 'postgres', r: '' });
      }
    });
  }
});

import pg from 'pg';

/**
 * The session settings of one scoped transaction as `SET LOCAL` statements.
 *
 * Why SET LOCAL and not `set_config(…, true)`: on Citus only SET LOCAL is forwarded to the workers
 * (with `citus.propagate_set_commands = 'local'`, migration 0016); a `set_config` call never reaches
 * them and every row-level-secured query on a distributed table answers nothing. SET LOCAL is plain
 * PostgreSQL, so PGlite, PostgreSQL and Citus share this one code path (docs/SCALE.md, section 4).
 *
 * SET takes no bind parameters, so each value is written as a quoted literal by `sqlLiteral`.
 */

/**
 * A string as an SQL literal that reads back as exactly `value` whatever `standard_conforming_strings`
 * says: the driver's own escapeLiteral (quotes doubled; backslashes doubled inside E'…'). A NUL byte
 * cannot be part of a PostgreSQL string and would end the query text in the wire protocol: refused.
 */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a session setting may not contain a NUL byte');
  return pg.escapeLiteral(value);
}

/** Names of the settings RLS policies read (apps/server/src/db/migrations). */
export interface SessionSettings {
  role: string;
  'app.region_scope': string;
  'app.user_id': string;
  'app.department_id': string;
  'app.data_scope': string;
}

/** `SET LOCAL ROLE …; SET LOCAL app.… = '…'; …` — one statement per setting, role first. */
export function setLocalStatements(s: SessionSettings): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(s.role)) throw new Error(`not a plain role name: ${s.role}`);
  return [
    `SET LOCAL ROLE ${s.role}`,
    ...(['app.region_scope', 'app.user_id', 'app.department_id', 'app.data_scope'] as const).map(
      (name) => `SET LOCAL ${name} = ${sqlLiteral(s[name])}`,
    ),
  ];
}

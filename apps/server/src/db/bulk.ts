import { sql, type SQL } from 'drizzle-orm';

/**
 * Set-based writes of many rows in one statement with a fixed number of parameters: every column
 * travels as ONE array parameter (a PostgreSQL array literal) and the rows are rebuilt server-side by
 * `unnest`. Against a multi-row VALUES list this builds no per-cell SQL objects in JavaScript (the
 * import profile showed Drizzle's query building and its garbage at a third of the import's CPU), the
 * statement text is the same for every batch. PostgreSQL and PGlite take it; on Citus an INSERT … SELECT from
 * such a source becomes a coordinator COPY, which Citus refuses on row-level-secured tables, so callers switch
 * to a multi-row VALUES list there (client.ts onDistributedEngine()) — the engine capability switch.
 */
export type BulkValue = string | number | boolean | null | undefined;

const NEEDS_QUOTE = /["\\]/g;

/** A one-dimensional PostgreSQL array literal; null/undefined become NULL, everything else quoted text. */
export function arrayLiteral(values: readonly BulkValue[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else {
      const s = typeof v === 'string' ? v : String(v);
      // Most values (ciphertexts, blind indexes, codes, uuids) hold neither character: two scans instead of a
      // global regex replace per value (the import's main thread spent ~10 % of its time here).
      out += s.indexOf('"') < 0 && s.indexOf('\\') < 0 ? '"' + s + '"' : '"' + s.replace(NEEDS_QUOTE, '\\$&') + '"';
    }
  }
  return out + '}';
}

/** One column of `unnestRows`: its alias in the FROM list, the element type of its array, one value per row. */
export interface BulkColumn {
  name: string;
  /** Element type of the array parameter (jsonb and array columns travel as text, cast in the SELECT). */
  type: 'text' | 'int4' | 'int8' | 'bool' | 'date' | 'uuid' | 'timestamptz';
  values: readonly BulkValue[];
}

/**
 * `unnest($1::text[], $2::bool[], …) as <alias>(c1, c2, …)`: the rows as a FROM item. Columns must have
 * the same length. Values of jsonb or array columns are passed as text and cast in the SELECT list.
 */
export function unnestRows(alias: string, columns: readonly BulkColumn[]): SQL {
  const n = columns[0]?.values.length ?? 0;
  for (const c of columns)
    if (c.values.length !== n)
      throw new Error(`unnestRows: column ${c.name} has ${c.values.length} values, expected ${n}`);
  return unnestOf(
    alias,
    columns.map((c) => ({ name: c.name, type: c.type, array: arrayLiteral(c.values) })),
  );
}

/**
 * `unnestRows` with each column's array literal given (`arrayLiteral`): for a statement built once (db/statement.ts),
 * whose template passes its placeholders here.
 */
export function unnestOf(
  alias: string,
  columns: readonly { name: string; type: BulkColumn['type']; array: unknown }[],
): SQL {
  const args = columns.map((c) => sql`${c.array}::${sql.raw(c.type)}[]`);
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  return sql`unnest(${sql.join(args, sql`, `)}) as ${sql.raw(alias)}(${names})`;
}

import { is, Param, Placeholder, SQL, sql, type QueryWithTypings } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * Statements of hot paths built once (docs/REQUEST-PATH.md, "Seventh step"). Drizzle's `sql` template builds a tree
 * of chunks on every call and `toQuery` walks it into text and parameters again: for a read such as an account's
 * detail that is ~40 chunks and a few dozen microseconds of CPU per request, for a text that never changes.
 * `statement(build)` runs `build` once with placeholders in place of its arguments, keeps the text and where each
 * argument goes, and from then on answers each call with an SQL whose `toQuery` returns that text and the call's
 * parameters — nothing rebuilt. The same object works with every executor (PGlite, PostgreSQL, Citus, the coalesced
 * reads), because all of them turn an SQL into text through `toQuery`.
 *
 * `build` must be a pure template: its arguments may only be interpolated (`${id}`), never inspected or used to
 * choose the text (they are placeholders when it runs). Values computed from arguments belong to the caller.
 */
export function statement<A extends readonly unknown[]>(
  build: (...args: Placeholder<string>[]) => SQL,
  /** The number of arguments; `build.length` unless `build` takes a rest parameter. */
  arity = build.length,
): (...args: A) => SQL {
  let text: string | undefined;
  /** Per parameter of the text: the index of the call's argument it takes, or -1 (a constant: `constants[i]`). */
  let from: number[] = [];
  let constants: unknown[] = [];
  let typings: QueryWithTypings['typings'];
  return (...args: A): SQL => {
    if (text === undefined) {
      const holders = Array.from({ length: arity }, (_, i) => sql.placeholder(String(i)));
      const q = dialect.sqlToQuery(build(...holders));
      from = q.params.map((p) => placeholderIndex(p));
      constants = q.params.map((p, i) => (from[i] === -1 ? p : undefined));
      typings = q.typings;
      text = q.sql;
    }
    if (args.length !== arity) throw new Error(`statement: ${arity} arguments expected, ${args.length} given`);
    const params = new Array<unknown>(from.length);
    for (let i = 0; i < from.length; i++) params[i] = from[i] === -1 ? constants[i] : args[from[i]];
    return new BuiltSQL({ sql: text, params, ...(typings ? { typings } : {}) });
  };
}

const dialect = new PgDialect();

function placeholderIndex(p: unknown): number {
  const holder = is(p, Placeholder) ? p : is(p, Param) && is(p.value, Placeholder) ? p.value : null;
  return holder ? Number(holder.name) : -1;
}

/** An SQL already built: Drizzle's `toQuery` (every executor's way from SQL to text) returns it as it is. */
class BuiltSQL extends SQL {
  constructor(private readonly built: QueryWithTypings) {
    super([]);
  }

  override toQuery(): QueryWithTypings {
    return this.built;
  }
}

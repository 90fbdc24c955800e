/**
 * The schema rules (docs/CONVENTIONS.md "Schema rules", docs/SCALE.md §3 and §7), read from the live
 * catalogue after the migrations: what makes a table distributable on Citus without a second code path.
 * Used by db/schema-rules.test.ts on every engine; returns the violations as sentences.
 */
import { sql } from 'drizzle-orm';
import { all, type Executor } from './client.js';
import type { TablePlacement } from './placement.js';

export interface SchemaRuleOptions {
  placement: Readonly<Record<string, TablePlacement>>;
  /** The distribution column of each 'lookup' table (placement.ts LOOKUP_KEYS). */
  lookupKeys: Readonly<Record<string, string>>;
  /** Triggers allowed on a coordinator table, as `table.trigger`, each with its reason in the caller. */
  allowedTriggers: ReadonlySet<string>;
}

interface TableRow {
  name: string;
  rls: boolean;
}
interface ColumnRow {
  table: string;
  column: string;
  notNull: boolean;
  collation: string | null;
  type: string;
}
interface PolicyRow {
  table: string;
  policy: string;
  qual: string | null;
  withCheck: string | null;
}
interface TriggerRow {
  table: string;
  trigger: string;
  transition: boolean;
}
interface FunctionRow {
  name: string;
  language: string;
}
interface KeyRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  refTable: string | null;
  refColumns: string[] | null;
}

/** Objects that belong to an extension (Citus' own tables, triggers and functions) are not ours. */
const NOT_EXTENSION = (classTable: string, oidColumn: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${classTable}'::regclass AND d.objid = ${oidColumn}
     AND d.deptype = 'e')`;

async function readCatalogue(ex: Executor) {
  const tables = await all<TableRow>(
    ex,
    sql.raw(`SELECT c.relname AS name, c.relrowsecurity AS rls FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relispartition = false
        AND ${NOT_EXTENSION('pg_class', 'c.oid')} ORDER BY 1`),
  );
  const columns = await all<ColumnRow>(
    ex,
    sql.raw(`SELECT c.relname AS table, a.attname AS column, a.attnotnull AS "notNull", co.collname AS collation,
        format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_collation co ON co.oid = a.attcollation
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
        AND NOT a.attisdropped`),
  );
  const policies = await all<PolicyRow>(
    ex,
    sql.raw(`SELECT tablename AS table, policyname AS policy, qual, with_check AS "withCheck" FROM pg_policies
      WHERE schemaname = 'public'`),
  );
  const triggers = await all<TriggerRow>(
    ex,
    sql.raw(`SELECT c.relname AS table, t.tgname AS trigger,
        (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL) AS transition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
        AND ${NOT_EXTENSION('pg_proc', 't.tgfoid')} AND ${NOT_EXTENSION('pg_trigger', 't.oid')}`),
  );
  const definers = await all<FunctionRow>(
    ex,
    sql.raw(`SELECT p.proname AS name, l.lanname AS language FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef AND ${NOT_EXTENSION('pg_proc', 'p.oid')}`),
  );
  const keys = await all<KeyRow>(
    ex,
    sql.raw(`SELECT c.relname AS table, k.conname AS name, k.contype AS kind,
        ARRAY(SELECT a.attname FROM unnest(k.conkey) n JOIN pg_attribute a ON a.attrelid = k.conrelid
              AND a.attnum = n)::text[] AS columns,
        r.relname AS "refTable",
        CASE WHEN k.contype = 'f' THEN ARRAY(SELECT a.attname FROM unnest(k.confkey) n JOIN pg_attribute a
              ON a.attrelid = k.confrelid AND a.attnum = n)::text[] END AS "refColumns"
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype IN ('p', 'u', 'f') AND c.relnamespace = 'public'::regnamespace
      UNION ALL
      SELECT c.relname, i.relname, 'i',
        ARRAY(SELECT a.attname FROM unnest(x.indkey) n JOIN pg_attribute a ON a.attrelid = x.indrelid
              AND a.attnum = n)::text[], NULL, NULL
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
        AND c.relnamespace = 'public'::regnamespace`),
  );
  return { tables, columns, policies, triggers, definers, keys };
}

/** A policy expression with a subquery (an init-plan `(SELECT …)` or `EXISTS (…)`): Citus refuses it. */
export function hasSublink(expr: string | null): boolean {
  return expr !== null && /\b(SELECT|EXISTS)\b/i.test(expr);
}

export async function checkSchemaRules(ex: Executor, opts: SchemaRuleOptions): Promise<string[]> {
  const cat = await readCatalogue(ex);
  const out: string[] = [];
  const placementOf = (t: string) => opts.placement[t];
  const column = (t: string, c: string) => cat.columns.find((x) => x.table === t && x.column === c);
  const regionScoped = (t: string) =>
    placementOf(t) === 'distributed' || placementOf(t) === 'pending' || placementOf(t) === 'lookup';

  for (const t of cat.tables) {
    const place = placementOf(t.name);
    if (!place) {
      out.push(
        `${t.name}: not placed — add it to TABLE_PLACEMENT (apps/server/src/db/placement.ts); a new ` +
          `region-scoped table is 'distributed' and follows the schema rules (docs/CONVENTIONS.md)`,
      );
      continue;
    }
    if (regionScoped(t.name) && !t.rls) out.push(`${t.name}: region-scoped but row-level security is off`);
  }
  for (const name of Object.keys(opts.placement))
    if (!cat.tables.some((t) => t.name === name)) out.push(`${name}: placed but no such table`);

  // Rule 4: policies without subqueries; the region test through mwsp_in_scope on a NOT NULL "C" column.
  for (const p of cat.policies) {
    for (const [side, expr] of [
      ['USING', p.qual],
      ['WITH CHECK', p.withCheck],
    ] as const) {
      if (hasSublink(expr))
        out.push(`${p.table}.${p.policy}: ${side} has a subquery (Citus refuses it): use the row's own columns`);
      for (const m of (expr ?? '').matchAll(/mwsp_in_scope\((\w+)\)/g)) {
        const col = column(p.table, m[1]);
        if (!col?.notNull || col.collation !== 'C')
          out.push(`${p.table}.${p.policy}: mwsp_in_scope(${m[1]}) needs a NOT NULL column with COLLATE "C"`);
      }
    }
  }

  // Rule 5: no transition-table triggers anywhere; no trigger at all outside the allowed coordinator ones.
  for (const tr of cat.triggers) {
    const key = `${tr.table}.${tr.trigger}`;
    if (tr.transition) out.push(`${key}: a trigger with transition tables (Citus cannot run it)`);
    else if (!opts.allowedTriggers.has(key) || placementOf(tr.table) !== 'coordinator')
      out.push(`${key}: a trigger — write derived rows in the repo, in the same transaction`);
  }

  // Rule 6: SECURITY DEFINER look-ups are PL/pgSQL (Citus cannot plan parameterised SQL functions).
  for (const f of cat.definers)
    if (f.language === 'sql') out.push(`${f.name}(): SECURITY DEFINER in LANGUAGE sql — write it in plpgsql`);

  // Rules 1–3: the distributed class.
  for (const t of cat.tables.filter((x) => placementOf(x.name) === 'distributed')) {
    const county = column(t.name, 'county_code');
    if (!county || !county.notNull || county.collation !== 'C' || county.type !== 'text')
      out.push(`${t.name}: needs county_code text COLLATE "C" NOT NULL (the distribution column)`);
    const own = cat.keys.filter((k) => k.table === t.name);
    // a row's identity; a counter table keyed on nullable columns (worker_counts) has a unique key instead
    if (!own.some((k) => k.kind === 'p' || k.kind === 'u'))
      out.push(`${t.name}: needs a primary key (county_code, id)`);
    for (const k of own.filter((x) => x.kind !== 'f'))
      if (!k.columns.includes('county_code'))
        out.push(`${t.name}.${k.name}: a primary key or unique index without county_code`);
    for (const k of own.filter((x) => x.kind === 'f')) {
      const target = placementOf(k.refTable ?? '');
      if (target === 'reference') continue;
      if (target === 'coordinator') {
        out.push(`${t.name}.${k.name}: a foreign key into the coordinator table ${k.refTable}`);
        continue;
      }
      const i = k.columns.indexOf('county_code');
      if (i < 0 || k.refColumns?.[i] !== 'county_code')
        out.push(`${t.name}.${k.name}: a foreign key to ${k.refTable} must pair county_code with county_code`);
    }
  }
  // Rule 7: a national look-up is keyed (and hashed) on its own column, says where its row lives, and has no
  // foreign key (its rows sit on other shards than the rows they point at; the writer checks them).
  for (const t of cat.tables.filter((x) => placementOf(x.name) === 'lookup')) {
    const key = opts.lookupKeys[t.name];
    const own = cat.keys.filter((k) => k.table === t.name);
    if (!key) out.push(`${t.name}: a lookup table needs its key in LOOKUP_KEYS (placement.ts)`);
    else {
      const pk = own.find((k) => k.kind === 'p');
      if (!pk || pk.columns.length !== 1 || pk.columns[0] !== key)
        out.push(`${t.name}: a lookup table's primary key is its key column ${key} alone`);
      for (const k of own.filter((x) => x.kind === 'u' || x.kind === 'i'))
        if (!k.columns.includes(key)) out.push(`${t.name}.${k.name}: a unique index without the key column ${key}`);
    }
    const county = column(t.name, 'county_code');
    if (!county || !county.notNull || county.collation !== 'C')
      out.push(`${t.name}: needs county_code text COLLATE "C" NOT NULL (where the row it points at lives)`);
    for (const k of own.filter((x) => x.kind === 'f' && placementOf(x.refTable ?? '') !== 'reference'))
      out.push(`${t.name}.${k.name}: a lookup table has no foreign key except into reference tables`);
  }
  // A pending table that already meets the distributed rules is distributed: move it (the list shrinks).
  return out;
}

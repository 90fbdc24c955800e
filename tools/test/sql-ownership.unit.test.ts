/**
 * Who may write SQL, and against which tables (docs/CONVENTIONS.md, "Where code goes"):
 *   1. SQL appears only in repos (*.repo.ts), the db layer (apps/server/src/db/, migrations) and a module's
 *      detection queries (modules/<name>/rules/*.ts).
 *   2. A module's SQL names only its own tables, plus the platform's reference tables for reading (regions,
 *      departments, the calendar, settings); every other table of another area is reached through that
 *      area's service or port. The platform's SQL names no module's table.
 * A table belongs to the area whose migration creates it (MIGRATION_OWNERS below).
 *
 * Today's violations are listed explicitly (ALLOWED_*), each list to shrink: an entry that is no longer a
 * violation fails the test too, so whoever removes a violation deletes its entry.
 *
 *   3. The same holds inside the database: a function's body and a view's query (CREATE FUNCTION … AS $$…$$,
 *      CREATE VIEW … AS …) name only their area's tables and the platform's reference tables, and a module's
 *      SQL calls no other module's database function. A function or view belongs to the area of the migration
 *      that defines it last (a later CREATE OR REPLACE or DROP + CREATE supersedes an earlier one; a DROP
 *      removes it), unless FUNCTION_OWNER_OVERRIDES says otherwise. DO blocks and top-level statements run once,
 *      at migration time (a backfill may read across areas), and are not scanned.
 *
 * The workspace packages (packages/domain, packages/synth: pure code, generators) hold no SQL at all: generated
 * data is written by the modules' bulk loads (e.g. modules/wages/seed.repo.ts). tools/ (benchmarks, test support)
 * is dev tooling and not scanned: the benchmarks' baselines are hand-written SQL on purpose.
 *
 * SQL sites: tagged templates sql`…` (drizzle) and string or template literals that read as SQL (they start
 * with SELECT, INSERT INTO, UPDATE … SET, DELETE FROM, WITH … AS, CREATE, ALTER, DROP, TRUNCATE, COPY, LOCK,
 * SET LOCAL). Tables are the names after FROM, JOIN, INTO, UPDATE and DELETE FROM that a migration creates.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = 'apps/server/src';
const MIGRATIONS = `${SRC}/db/migrations`;

type Owner = 'platform' | 'registry' | 'wages' | 'rights' | 'training' | 'employment';

/** Which area each migration belongs to. A new migration must be added here (the test says so). */
const MIGRATION_OWNERS: Record<string, Owner> = {
  '0001_platform.sql': 'platform',
  '0002_session_lookup.sql': 'platform',
  '0003_registry.sql': 'registry',
  '0004_imports.sql': 'platform',
  '0005_registry_batch_lookup.sql': 'registry',
  '0006_import_keys.sql': 'platform',
  '0007_wages.sql': 'wages',
  '0008_import_params.sql': 'platform',
  '0010_import_attempts.sql': 'platform',
  '0011_data_scopes.sql': 'registry',
  '0012_wages_name_lookup.sql': 'wages',
  '0013_department_former_names.sql': 'platform',
  '0014_wage_scopes.sql': 'wages',
  '0015_wages_registry_apart.sql': 'wages',
  '0016_citus_session.sql': 'platform',
  '0017_scope_bounds.sql': 'platform',
  '0018_wages_rls_forms.sql': 'wages',
  '0019_registry_rls_forms.sql': 'registry',
  '0020_platform_rls_forms.sql': 'platform',
  '0021_citus_reference_tables.sql': 'platform',
  '0022_events_distributed.sql': 'platform',
  '0023_registry_distributed.sql': 'registry',
  '0024_wages_distributed.sql': 'wages',
  '0030_cases.sql': 'platform',
  '0031_rights.sql': 'rights',
  '0035_case_reprojection.sql': 'platform',
  '0034_grids_attachments.sql': 'rights',
  '0032_mediation_arbitration.sql': 'rights',
  '0033_legal_aid.sql': 'rights',
  '0045_training.sql': 'training',
  '0042_programs.sql': 'employment',
  '0040_employment.sql': 'employment',
  '0048_case_queues.sql': 'platform',
  '0049_employment_weights_loans.sql': 'employment',
  '0046_penalties.sql': 'rights',
  '0047_employer_violations.sql': 'wages',
  '0050_employment_campaign_ancestors.sql': 'employment',
  '0051_employment_seeker_tiers.sql': 'employment',
  '0052_employment_match_lookups.sql': 'employment',
  '0055_employment_posting_codes.sql': 'employment',
  '0053_employment_seeker_moves.sql': 'employment',
  '0054_region_centres.sql': 'platform',
  '0057_workers_import_indexes.sql': 'registry',
  '0058_employment_seeker_kinds.sql': 'employment',
  '0059_employment_seeker_certs.sql': 'employment',
  '0060_employment_seeker_towns.sql': 'employment',
  '0061_employment_seeker_code_towns.sql': 'employment',
  '0062_worker_ids_region_fk.sql': 'registry',
  '0064_workers_name_region.sql': 'registry',
  '0065_employment_seeker_preference_kinds.sql': 'employment',
};

/** Tables created in another area's migration than their owner's. */
const TABLE_OWNER_OVERRIDES: Record<string, Owner> = {
  events: 'platform', // created with the registry (its first user); platform/events owns the log
  case_attachments: 'platform', // created with the grids (0034, rights); the case engine owns its attachments
};

/**
 * Database functions created in another area's migration than their owner's (the area that calls them and
 * whose tables they read).
 */
const FUNCTION_OWNER_OVERRIDES: Record<string, Owner> = {
  // created in 0007 with the wages module (its reason to exist), redefined by the registry in 0019; reads only
  // the registry's workers and employments, and only the registry calls it (RegistryPort.workerForProject)
  mwsp_worker_for_project: 'registry',
};

/** Platform reference data every module may read (never write): region tree, departments, calendar, settings. */
const REFERENCE_TABLES = new Set([
  'regions',
  'region_centres',
  'departments',
  'calendar_years',
  'calendar_days',
  'settings',
]);

/**
 * Files with SQL outside a repo today, with their number of SQL sites (a ceiling: it may only go down).
 * Being moved into repos (issue 9, item 4); delete an entry once its file has no SQL left.
 */
const ALLOWED_SQL_OUTSIDE_REPOS: Record<string, number> = {
  // none left: every SQL site is in a repo, the db layer or a detection rule
};

/**
 * Database functions and views naming another area's tables today (function or view → tables), by their latest
 * definition. Delete an entry once a later migration replaces the definition.
 */
const ALLOWED_FOREIGN_TABLES_IN_DB: Record<string, string[]> = {
  // none left: 0015 replaced mwsp_employer_wage_history (0007), which read the registry's employers
};

/**
 * SQL naming another area's tables today (file → tables). Being replaced by ports and platform services
 * (issue 9, item 6); delete a table, then the file, once its SQL no longer names it.
 */
const ALLOWED_FOREIGN_TABLES: Record<string, string[]> = {
  // none left: wages reaches the registry through its port and the platform through its services
};

// ---- the scan ----

const SQL_START = new RegExp(
  String.raw`^\s*(select\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|with\s+(recursive\s+)?\w+\s+as\b|` +
    String.raw`create\s|alter\s|drop\s|truncate\s|copy\s|lock\s|set\s+local\b)`,
  'i',
);
const TABLE_REF = /\b(from|join|into|update|delete\s+from)\s+(?:only\s+)?("?)([a-z_][a-z0-9_]*)\2/gi;

interface SqlSite {
  line: number;
  text: string;
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) walkFiles(rel, out);
    else if (/\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

/** Runtime source files: tests and the test harness (apps/server/src/test/) may write any SQL. */
const sourceFiles = walkFiles(SRC).filter((f) => !/\.test\.tsx?$/.test(f) && !f.startsWith(`${SRC}/test/`));

/** The workspace packages' source files (their tests excluded): no SQL there at all. */
const packageFiles = readdirSync(path.join(root, 'packages'))
  .flatMap((name) => walkFiles(`packages/${name}/src`))
  .filter((f) => !/\.test\.tsx?$/.test(f));

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return node.head.text + node.templateSpans.map((s) => ' ${…} ' + s.literal.text).join('');
}

/** Every SQL site of a file: sql`…` templates, and other literals that start like a statement. */
function sqlSites(file: string): SqlSite[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: SqlSite[] = [];
  const lineOf = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      sites.push({ line: lineOf(node), text: templateText(node.template) });
    } else if (ts.isCallExpression(node) && node.expression.getText(source) === 'sql.raw') {
      const arg = node.arguments[0];
      const literal = arg && (ts.isStringLiteral(arg) || ts.isTemplateLiteral(arg));
      // sql.raw('desc') and the like are fragments, not statements; sql.raw(`show ${name}`) is a statement.
      const argText = !literal ? '' : ts.isTemplateExpression(arg) ? templateText(arg) : arg.text;
      if (/^\s*[a-z]+\s/i.test(argText)) sites.push({ line: lineOf(node), text: argText });
      return; // its literal is counted here, not again below
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      !ts.isTaggedTemplateExpression(node.parent) &&
      SQL_START.test(ts.isTemplateExpression(node) ? templateText(node) : node.text)
    ) {
      sites.push({ line: lineOf(node), text: ts.isTemplateExpression(node) ? templateText(node) : node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** Table → owner, from the CREATE TABLE statements of the migrations. */
function tableOwners(): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const file of readdirSync(path.join(root, MIGRATIONS)).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(path.join(root, MIGRATIONS, file), 'utf8');
    for (const m of sql.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi)) {
      const table = m[1].toLowerCase();
      owners.set(table, TABLE_OWNER_OVERRIDES[table] ?? MIGRATION_OWNERS[file]);
    }
  }
  return owners;
}

/** The area a source file belongs to: a module's name, `platform`, or null (db layer, app composition). */
function areaOf(file: string): string | null {
  const m = /^apps\/server\/src\/modules\/([^/]+)\//.exec(file);
  if (m) return m[1];
  return file.startsWith(`${SRC}/platform/`) ? 'platform' : null;
}

/** Where SQL belongs: repos, the db layer, a module's detection rules. */
function sqlAllowedIn(file: string): boolean {
  return (
    file.endsWith('.repo.ts') ||
    file.startsWith(`${SRC}/db/`) ||
    /^apps\/server\/src\/modules\/[^/]+\/rules\//.test(file)
  );
}

/** The tables of other areas a file's SQL names, given the file's area. */
function foreignTables(file: string, owners: Map<string, Owner>): string[] {
  const area = areaOf(file);
  if (!area) return [];
  const found = new Set<string>();
  for (const site of sqlSites(file)) for (const table of foreignTablesIn(site.text, area, owners)) found.add(table);
  return [...found].sort();
}

// ---- the scan of the database's own code: functions and views ----

interface DbObject {
  kind: 'function' | 'view';
  name: string;
  file: string;
  body: string;
}

const MIGRATION_FILES = readdirSync(path.join(root, MIGRATIONS))
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** `$tag$ … $tag$` from `from` on: the dollar-quoted body of a function. */
function dollarQuoted(sql: string, from: number): string {
  const open = /\$([a-z_]*)\$/gi;
  open.lastIndex = from;
  const m = open.exec(sql);
  if (!m) return '';
  const start = m.index + m[0].length;
  const end = sql.indexOf(m[0], start);
  return end < 0 ? sql.slice(start) : sql.slice(start, end);
}

/** Statement text from `from` to the next `;` outside quotes (a view's query). */
function untilSemicolon(sql: string, from: number): string {
  let quoted = false;
  for (let i = from; i < sql.length; i++) {
    if (sql[i] === "'") quoted = !quoted;
    else if (sql[i] === ';' && !quoted) return sql.slice(from, i);
  }
  return sql.slice(from);
}

/** Removes `--` comments (outside quotes is enough for our migrations' comments, which hold no quote). */
function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/**
 * The functions and views the migrations leave behind, each by its latest definition: migrations in order, a
 * CREATE (OR REPLACE) replaces an earlier definition of the same name, a DROP removes it. `files`: the
 * migrations to apply (all by default).
 */
function databaseObjects(files: string[] = MIGRATION_FILES): Map<string, DbObject> {
  const objects = new Map<string, DbObject>();
  const KIND = String.raw`(function|(?:materialized\s+)?view)`;
  const STATEMENT = new RegExp(
    String.raw`\b(create\s+(?:or\s+replace\s+)?${KIND}|drop\s+${KIND})\s+(?:if\s+exists\s+)?([a-z_][a-z0-9_]*)`,
    'gi',
  );
  for (const file of files) {
    const sql = withoutComments(readFileSync(path.join(root, MIGRATIONS, file), 'utf8'));
    for (const m of sql.matchAll(STATEMENT)) {
      const kind = /function/i.test(m[2] ?? m[3]) ? 'function' : 'view';
      const name = m[4].toLowerCase();
      const key = `${kind} ${name}`;
      if (m[3]) {
        objects.delete(key);
        continue;
      }
      const after = m.index + m[0].length;
      const body =
        kind === 'function'
          ? dollarQuoted(sql, after)
          : untilSemicolon(sql, sql.slice(after).search(/\bas\b/i) + after);
      objects.set(key, { kind, name, file, body });
    }
  }
  return objects;
}

function ownerOfObject(o: DbObject): Owner {
  return (o.kind === 'function' ? FUNCTION_OWNER_OVERRIDES[o.name] : undefined) ?? MIGRATION_OWNERS[o.file];
}

/** The tables of other areas that one SQL text names, for an area (platform reference tables may be read). */
function foreignTablesIn(text: string, area: string, owners: Map<string, Owner>): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(TABLE_REF)) {
    const table = m[3].toLowerCase();
    const owner = owners.get(table);
    if (!owner || owner === area) continue;
    const read = /^(from|join)$/i.test(m[1]);
    if (area !== 'platform' && owner === 'platform' && read && REFERENCE_TABLES.has(table)) continue;
    found.add(table);
  }
  return found;
}

/** Functions and views (`function name`, `view name`) naming another area's tables → those tables. */
function foreignTablesInDatabase(objects: Map<string, DbObject>, owners: Map<string, Owner>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, o] of objects) {
    const tables = foreignTablesIn(withoutComments(o.body), ownerOfObject(o), owners);
    if (tables.size) out[key] = [...tables].sort();
  }
  return out;
}

// Each test parses every source file with the TypeScript compiler: seconds on a quiet machine, over the default
// 10 s on a loaded 2-core one (CPU, not a hang).
describe('SQL ownership', { timeout: 120_000 }, () => {
  const owners = tableOwners();

  it('knows the owner of every migration', () => {
    const files = readdirSync(path.join(root, MIGRATIONS)).filter((f) => f.endsWith('.sql'));
    expect(files.filter((f) => !MIGRATION_OWNERS[f])).toEqual([]);
    expect(owners.size).toBeGreaterThan(30); // the scan found the tables
  });

  it('finds SQL only in repos, the db layer and detection rules', () => {
    const outside: Record<string, number> = {};
    for (const file of sourceFiles) {
      const n = sqlSites(file).length;
      if (n > 0 && !sqlAllowedIn(file)) outside[file] = n;
    }
    const problems: string[] = [];
    for (const [file, n] of Object.entries(outside)) {
      const allowed = ALLOWED_SQL_OUTSIDE_REPOS[file];
      if (allowed === undefined) problems.push(`${file}: ${n} SQL site(s) outside a repo — move them into a repo`);
      else if (n > allowed) problems.push(`${file}: ${n} SQL sites, more than the ${allowed} allowed`);
    }
    for (const file of Object.keys(ALLOWED_SQL_OUTSIDE_REPOS)) {
      if (!outside[file]) problems.push(`${file}: no SQL left — delete its ALLOWED_SQL_OUTSIDE_REPOS entry`);
    }
    expect(problems).toEqual([]);
  });

  it('finds no SQL in the workspace packages (pure code and generators)', () => {
    expect(packageFiles.some((f) => f.startsWith('packages/synth/'))).toBe(true); // the scan sees the synthetic city
    const found = packageFiles.filter((f) => sqlSites(f).length > 0);
    expect(found).toEqual([]);
  });

  it("names no other area's tables (platform reference tables may be read)", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const file of sourceFiles) {
      const tables = foreignTables(file, owners);
      if (tables.length === 0) continue;
      seen.add(file);
      const allowed = new Set(ALLOWED_FOREIGN_TABLES[file] ?? []);
      const extra = tables.filter((t) => !allowed.has(t));
      const gone = [...allowed].filter((t) => !tables.includes(t));
      if (extra.length) problems.push(`${file} (${areaOf(file)}) names ${extra.join(', ')} of another area`);
      if (gone.length)
        problems.push(`${file}: ${gone.join(', ')} no longer named — delete from ALLOWED_FOREIGN_TABLES`);
    }
    for (const file of Object.keys(ALLOWED_FOREIGN_TABLES)) {
      if (!seen.has(file)) problems.push(`${file}: names no foreign table — delete its ALLOWED_FOREIGN_TABLES entry`);
    }
    expect(problems).toEqual([]);
  });

  it("has no database function or view naming another area's tables (latest definitions)", () => {
    const found = foreignTablesInDatabase(databaseObjects(), owners);
    const problems: string[] = [];
    for (const [key, tables] of Object.entries(found)) {
      const allowed = new Set(ALLOWED_FOREIGN_TABLES_IN_DB[key] ?? []);
      const extra = tables.filter((t) => !allowed.has(t));
      if (extra.length) problems.push(`${key} names ${extra.join(', ')} of another area`);
    }
    for (const [key, tables] of Object.entries(ALLOWED_FOREIGN_TABLES_IN_DB)) {
      const gone = tables.filter((t) => !(found[key] ?? []).includes(t));
      if (gone.length)
        problems.push(`${key}: ${gone.join(', ')} no longer named — delete from ALLOWED_FOREIGN_TABLES_IN_DB`);
    }
    expect(problems).toEqual([]);
  });

  it('reads function bodies by their latest definition (the 0007 history function read the registry)', () => {
    const objects = databaseObjects();
    expect(objects.size).toBeGreaterThan(15); // the scan found the functions
    // 0015 replaced 0007's definition (DROP, CREATE); 0018 redefined it as plpgsql (CREATE OR REPLACE).
    expect(objects.get('function mwsp_employer_wage_history')?.file).toBe('0018_wages_rls_forms.sql');
    expect(
      databaseObjects(MIGRATION_FILES.filter((f) => f < '0018')).get('function mwsp_employer_wage_history')?.file,
    ).toBe('0015_wages_registry_apart.sql');
    expect(objects.get('function mwsp_session_principal')?.body).toMatch(/from sessions s/i);
    // Without 0015 the scan finds what 0007 did: the wages module's function read the registry's employers.
    const before = databaseObjects(MIGRATION_FILES.filter((f) => f < '0015'));
    expect(foreignTablesInDatabase(before, owners)).toEqual({ 'function mwsp_employer_wage_history': ['employers'] });
    // The latest definition (0015: DROP, then CREATE) is the one read, not 0007's.
    expect(objects.get('function mwsp_employer_wage_history')?.body).not.toMatch(/employers/);
    expect(before.get('function mwsp_employer_wage_history')?.body).toMatch(/from employers/i);
  });

  it("calls no other module's database function from a module's SQL", () => {
    const objects = databaseObjects();
    const problems: string[] = [];
    for (const file of sourceFiles) {
      const area = areaOf(file);
      if (!area || area === 'platform') continue;
      for (const site of sqlSites(file)) {
        for (const m of site.text.matchAll(/\b(mwsp_[a-z0-9_]+)\s*\(/gi)) {
          const fn = objects.get(`function ${m[1].toLowerCase()}`);
          if (!fn) continue;
          const owner = ownerOfObject(fn);
          if (owner !== area && owner !== 'platform')
            problems.push(`${file}:${site.line} calls ${fn.name} of ${owner}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

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

type Owner = 'platform' | 'registry' | 'wages';

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
  '0016_citus_session.sql': 'platform',
};

/** Tables created in another area's migration than their owner's. */
const TABLE_OWNER_OVERRIDES: Record<string, Owner> = {
  events: 'platform', // created with the registry (its first user); platform/events owns the log
};

/** Platform reference data every module may read (never write): region tree, departments, calendar, settings. */
const REFERENCE_TABLES = new Set(['regions', 'departments', 'calendar_years', 'calendar_days', 'settings']);

/**
 * Files with SQL outside a repo today, with their number of SQL sites (a ceiling: it may only go down).
 * Being moved into repos (issue 9, item 4); delete an entry once its file has no SQL left.
 */
const ALLOWED_SQL_OUTSIDE_REPOS: Record<string, number> = {
  // none left: every SQL site is in a repo, the db layer or a detection rule
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
  for (const site of sqlSites(file)) {
    for (const m of site.text.matchAll(TABLE_REF)) {
      const table = m[3].toLowerCase();
      const owner = owners.get(table);
      if (!owner || owner === area) continue;
      const read = /^(from|join)$/i.test(m[1]);
      if (area !== 'platform' && owner === 'platform' && read && REFERENCE_TABLES.has(table)) continue;
      found.add(table);
    }
  }
  return [...found].sort();
}

describe('SQL ownership', () => {
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
});

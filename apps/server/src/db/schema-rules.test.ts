/**
 * The schema rules (docs/CONVENTIONS.md "Schema rules") on the real catalogue of every engine: every table
 * is placed (reference / coordinator / distributed / pending), no policy has a subquery, no trigger with
 * transition tables, SECURITY DEFINER look-ups in PL/pgSQL, and a distributed table carries county_code in
 * its keys and foreign keys. (On Citus, tools/test/citus-placement.citus.test.ts checks the cluster's placement.)
 */
import { describe, expect, it } from 'vitest';
import type { Database } from './client.js';
import { LOOKUP_KEYS, TABLE_PLACEMENT } from './placement.js';
import { checkSchemaRules, hasSublink } from './schema-rules.js';
import { useMigratedDatabase } from '../test/migrated-db.js';

/** Triggers kept on coordinator tables, each with its reason. */
const ALLOWED_TRIGGERS = new Set([
  'audit_log.audit_log_no_change', // append-only even for the owner; the log stays on the coordinator for now
  'audit_log.audit_log_no_truncate',
]);

/** Written before the rules; distributed in the next step of issue #10. This list may only shrink. */
const PENDING = ['import_jobs', 'import_row_errors', 'import_keys'];

let db: Database;
useMigratedDatabase((opened) => (db = opened));

describe('schema rules (docs/CONVENTIONS.md)', () => {
  it('hold for every table, policy, trigger and function the migrations create', async () => {
    const violations = await checkSchemaRules(db.owner, {
      placement: TABLE_PLACEMENT,
      lookupKeys: LOOKUP_KEYS,
      allowedTriggers: ALLOWED_TRIGGERS,
    });
    expect(violations).toEqual([]);
  });

  it('no table is added to the pending list: new region-scoped tables are distributed from the start', () => {
    const pending = Object.entries(TABLE_PLACEMENT)
      .filter(([, p]) => p === 'pending')
      .map(([t]) => t);
    expect(pending.filter((t) => !PENDING.includes(t))).toEqual([]);
    expect(
      PENDING.filter((t) => TABLE_PLACEMENT[t] !== 'pending'),
      'moved out: delete it from PENDING too',
    ).toEqual([]);
  });

  it('recognise subqueries in policy expressions as PostgreSQL prints them', () => {
    expect(hasSublink('(EXISTS ( SELECT 1 FROM projects o WHERE (o.id = t.project_id)))')).toBe(true);
    expect(hasSublink("((( SELECT mwsp_scope() AS mwsp_scope) = '*'::text) OR true)")).toBe(true);
    expect(hasSublink('(mwsp_in_scope(region_code) AND mwsp_owned(owner_id, owner_department_id))')).toBe(false);
    expect(hasSublink(null)).toBe(false);
  });

  it('report each kind of violation on a table that breaks them (the check can fail)', async () => {
    const ddl = [
      `CREATE TABLE rule_parent (county_code text COLLATE "C" NOT NULL, id uuid NOT NULL,
         region_code text COLLATE "C" NOT NULL, PRIMARY KEY (county_code, id))`,
      `CREATE TABLE rule_bad (id uuid PRIMARY KEY, county_code text, region_code text, code text UNIQUE,
         parent_id uuid, FOREIGN KEY (code, parent_id) REFERENCES rule_parent (county_code, id))`,
      `CREATE TABLE rule_unplaced (id int)`,
      `CREATE TABLE rule_lookup_ok (key_hash text COLLATE "C" PRIMARY KEY, county_code text COLLATE "C" NOT NULL,
         region_code text COLLATE "C" NOT NULL REFERENCES regions (code), row_id uuid NOT NULL)`,
      `CREATE TABLE rule_lookup_bad (key_hash text, county_code text, row_id uuid, PRIMARY KEY (key_hash, row_id),
         UNIQUE (row_id), FOREIGN KEY (county_code, row_id) REFERENCES rule_parent (county_code, id))`,
      `ALTER TABLE rule_lookup_ok ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY rule_lookup_ok_scope ON rule_lookup_ok USING (mwsp_in_scope(region_code))`,
      `ALTER TABLE rule_lookup_bad ENABLE ROW LEVEL SECURITY`,
      `CREATE TABLE rule_lookup_unkeyed (k text PRIMARY KEY, county_code text COLLATE "C" NOT NULL)`,
      `ALTER TABLE rule_lookup_unkeyed ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE rule_parent ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY rule_parent_scope ON rule_parent USING (mwsp_in_scope(region_code))`,
      `ALTER TABLE rule_bad ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY rule_bad_via ON rule_bad USING (EXISTS (SELECT 1 FROM rule_parent p WHERE p.id = parent_id))`,
      `CREATE POLICY rule_bad_region ON rule_bad USING (mwsp_in_scope(region_code))`,
      `CREATE FUNCTION rule_bad_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      `CREATE TRIGGER rule_bad_counts AFTER INSERT ON rule_bad REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION rule_bad_count()`,
      `CREATE FUNCTION rule_bad_lookup(p uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS
         $$ SELECT EXISTS (SELECT 1 FROM rule_bad WHERE id = p) $$`,
    ];
    for (const s of ddl) await db.execScript(s);
    try {
      const violations = await checkSchemaRules(db.owner, {
        placement: {
          ...TABLE_PLACEMENT,
          rule_parent: 'distributed',
          rule_bad: 'distributed',
          rule_lookup_ok: 'lookup',
          rule_lookup_bad: 'lookup',
          rule_lookup_unkeyed: 'lookup',
        },
        lookupKeys: { ...LOOKUP_KEYS, rule_lookup_ok: 'key_hash', rule_lookup_bad: 'key_hash' },
        allowedTriggers: ALLOWED_TRIGGERS,
      });
      const expected = [
        'rule_unplaced: not placed',
        'rule_bad: needs county_code text COLLATE "C" NOT NULL',
        'rule_bad.rule_bad_pkey: a primary key or unique index without county_code',
        'rule_bad.rule_bad_code_key: a primary key or unique index without county_code',
        'rule_bad.rule_bad_code_parent_id_fkey: a foreign key to rule_parent must pair county_code',
        'rule_bad.rule_bad_via: USING has a subquery',
        'rule_bad.rule_bad_region: mwsp_in_scope(region_code) needs a NOT NULL column with COLLATE "C"',
        'rule_bad.rule_bad_counts: a trigger with transition tables',
        'rule_bad_lookup(): SECURITY DEFINER in LANGUAGE sql',
        "rule_lookup_bad: a lookup table's primary key is its key column key_hash alone",
        'rule_lookup_bad.rule_lookup_bad_row_id_key: a unique index without the key column key_hash',
        'rule_lookup_bad: needs county_code text COLLATE "C" NOT NULL',
        'rule_lookup_bad.rule_lookup_bad_county_code_row_id_fkey: a lookup table has no foreign key',
        'rule_lookup_unkeyed: a lookup table needs its key in LOOKUP_KEYS',
      ];
      for (const e of expected)
        expect(
          violations.some((v) => v.startsWith(e)),
          e,
        ).toBe(true);
      expect(
        violations.filter((v) => v.startsWith('rule_parent') || v.startsWith('rule_lookup_ok')),
        'tables that follow the rules',
      ).toEqual([]);
    } finally {
      await db.execScript(
        `DROP TABLE rule_lookup_ok, rule_lookup_bad, rule_lookup_unkeyed, rule_bad, rule_parent, rule_unplaced; ` +
          `DROP FUNCTION rule_bad_count(); ` +
          `DROP FUNCTION rule_bad_lookup(uuid);`,
      );
    }
  });
});

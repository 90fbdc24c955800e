import { CODE_TABLES, type CodeTables } from '@mwsp/domain';
import type { CodeSets } from './registry.common.js';

/** The code tables the registry validates against (GB 3304, GB/T 4754-2017, 职业分类大典 2022 …). */
export const CODE_SETS: CodeSets = {
  ethnicities: new Set(CODE_TABLES.ethnicities.map((c) => c.code)),
  educations: new Set(CODE_TABLES.educations.map((c) => c.code)),
  industries: new Set(CODE_TABLES.industries.map((c) => c.code)),
  occupations: new Set(CODE_TABLES.occupations.map((c) => c.code)),
  schoolStages: new Set(CODE_TABLES.schoolStages.map((c) => c.code)),
  relations: new Set(CODE_TABLES.relations.map((c) => c.code)),
};

/** GET /api/code-tables: codes and names only. */
export function codeTablesResponse(): CodeTables {
  const strip = (items: readonly { code: string; name: string }[]) => items.map(({ code, name }) => ({ code, name }));
  return Object.fromEntries(
    Object.entries(CODE_TABLES).map(([k, v]) => [k, strip(v as readonly { code: string; name: string }[])]),
  ) as CodeTables;
}

const BY_CODE = Object.fromEntries(
  Object.entries(CODE_TABLES).map(([k, v]) => [
    k,
    new Map((v as readonly { code: string; name: string }[]).map((i) => [i.code, i.name])),
  ]),
);

export function nameOf(table: keyof typeof CODE_TABLES, code: string): string {
  return BY_CODE[table]?.get(code) ?? code;
}

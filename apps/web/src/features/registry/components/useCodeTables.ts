import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { getCodeTables, rqk } from '../api';
import type { CodeItem, CodeTables } from '../../../api/types';

export type CodeTableName = keyof CodeTables;

const empty: CodeTables = {
  ethnicities: [],
  educations: [],
  industries: [],
  occupations: [],
  employerSizes: [],
  schoolStages: [],
  insuranceTypes: [],
  relations: [],
};

/** GET /api/code-tables (cached for the session) with select options and code → name lookups. */
export function useCodeTables() {
  const query = useQuery({
    queryKey: rqk.codeTables,
    queryFn: ({ signal }) => getCodeTables(signal),
    staleTime: 60 * 60_000,
    gcTime: 2 * 60 * 60_000,
  });
  const tables = query.data ?? empty;

  const maps = useMemo(() => {
    const out = {} as Record<CodeTableName, Map<string, string>>;
    for (const key of Object.keys(empty) as CodeTableName[]) {
      out[key] = new Map((tables[key] ?? []).map((item) => [item.code, item.name]));
    }
    return out;
  }, [tables]);

  const options = useCallback(
    (table: CodeTableName, withCode = false) =>
      (tables[table] ?? []).map((item: CodeItem) => ({
        value: item.code,
        label: withCode ? `${item.code} ${item.name}` : item.name,
      })),
    [tables],
  );

  /** The name of a code; the code itself when unknown; '—' when empty. */
  const nameOf = useCallback(
    (table: CodeTableName, code: string | null | undefined): string => {
      if (code === null || code === undefined || code === '') return '—';
      return maps[table].get(code) ?? code;
    },
    [maps],
  );

  return { tables, options, nameOf, loading: query.isPending, error: query.error };
}

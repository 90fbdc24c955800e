import { useQuery } from '@tanstack/react-query';
import { getDepartments, qk } from '../../../../api/endpoints';
import { useCan } from '../../../../auth/MeProvider';

/**
 * Departments keyed by code (warnings carry `departmentCode`). Shares the cache entry of
 * useDepartmentOptions(); empty without departments:read.
 */
export function useDepartmentsByCode() {
  const can = useCan();
  const enabled = can('departments:read');
  const query = useQuery({
    queryKey: qk.departments('', undefined),
    queryFn: ({ signal }) => getDepartments(undefined, undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  const list = query.data ?? [];
  const byCode = new Map(list.map((d) => [d.code, d]));
  const nameOf = (code: string | null | undefined) => (code ? (byCode.get(code)?.name ?? code) : null);
  const options = list
    .filter((d) => d.active)
    .map((d) => ({ value: d.code, label: d.shortName ? `${d.name}（${d.shortName}）` : d.name }));
  return { enabled, list, nameOf, options, loading: enabled && query.isPending };
}

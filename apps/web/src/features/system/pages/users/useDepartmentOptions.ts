import { useQuery } from '@tanstack/react-query';
import { getDepartments, qk } from '../../../../api/endpoints';
import { useCan } from '../../../../auth/MeProvider';

/** Department select options (needs departments:read; empty otherwise). */
export function useDepartmentOptions(onlyActive = false) {
  const can = useCan();
  const enabled = can('departments:read');
  const query = useQuery({
    queryKey: qk.departments('', onlyActive ? true : undefined),
    queryFn: ({ signal }) => getDepartments(undefined, onlyActive ? true : undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
  const options = (query.data ?? []).map((d) => ({
    value: d.id,
    label: d.shortName ? `${d.name}（${d.shortName}）` : d.name,
    disabled: !d.active,
  }));
  return { enabled, options, loading: query.isPending && enabled };
}

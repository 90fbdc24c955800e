import { useQueries } from '@tanstack/react-query';
import { getRegion, qk } from '../../api/endpoints';
import { useCan } from '../../auth/MeProvider';

/** code → region (name/fullName) for a handful of codes, when the user may read regions. */
export function useRegionNames(
  codes: (string | null | undefined)[],
): Record<string, { name: string; fullName: string }> {
  const can = useCan();
  const unique = [...new Set(codes.filter((c): c is string => !!c))];
  const results = useQueries({
    queries: unique.map((code) => ({
      queryKey: qk.region(code),
      queryFn: ({ signal }: { signal: AbortSignal }) => getRegion(code, signal),
      staleTime: 10 * 60_000,
      enabled: can('regions:read'),
      meta: { silent: true },
    })),
  });
  const map: Record<string, { name: string; fullName: string }> = {};
  results.forEach((r, i) => {
    if (r.data) map[unique[i]] = { name: r.data.name, fullName: r.data.fullName };
  });
  return map;
}

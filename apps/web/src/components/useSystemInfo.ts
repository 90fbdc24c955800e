import { useQuery } from '@tanstack/react-query';
import { getSystemInfo, qk } from '../api/endpoints';

export function useSystemInfo() {
  return useQuery({
    queryKey: qk.systemInfo,
    queryFn: getSystemInfo,
    staleTime: Infinity,
    gcTime: Infinity,
    meta: { silent: true },
  });
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { getRegion, getRegionChildren, qk } from '../../api/endpoints';
import type { Region, RegionDetail } from '../../api/types';
import { useSystemInfo } from '../useSystemInfo';

const REGION_STALE = 10 * 60_000;

export interface RegionNode {
  key: string;
  value: string;
  title: string;
  isLeaf: boolean;
  region: Region;
  children?: RegionNode[];
}

export function useRegionDetailFetcher() {
  const qc = useQueryClient();
  return useCallback(
    (code: string) =>
      qc.fetchQuery({
        queryKey: qk.region(code),
        queryFn: ({ signal }) => getRegion(code, signal),
        staleTime: REGION_STALE,
      }),
    [qc],
  );
}

/**
 * Lazily loaded region tree rooted at the deployment city (GET /api/regions/:cityCode,
 * children via GET /api/regions?parent=CODE). Shared by the regions page and RegionTreeSelect.
 */
export function useRegionTree(enabled = true) {
  const qc = useQueryClient();
  const { data: info } = useSystemInfo();
  const rootCode = info?.city.code;
  const fetchDetail = useRegionDetailFetcher();
  const root = useQuery({
    queryKey: qk.region(rootCode ?? ''),
    queryFn: ({ signal }) => getRegion(rootCode as string, signal),
    enabled: enabled && !!rootCode,
    staleTime: REGION_STALE,
  });
  const [children, setChildren] = useState<Record<string, Region[]>>({});
  const [extraRoots, setExtraRoots] = useState<Region[]>([]);

  /** Load the children of `code` (cached); resolves to [] when loading failed (the error is shown globally). */
  const loadChildren = useCallback(
    async (code: string): Promise<Region[]> => {
      try {
        const list = await qc.fetchQuery({
          queryKey: qk.regionChildren(code),
          queryFn: ({ signal }) => getRegionChildren(code, signal),
          staleTime: REGION_STALE,
        });
        setChildren((prev) => (prev[code] ? prev : { ...prev, [code]: list }));
        return list;
      } catch {
        return [];
      }
    },
    [qc],
  );

  /**
   * Make `code` visible in the tree: loads every level between the root and it.
   * Returns the detail and the keys to expand (empty when outside the root's subtree, in which case
   * the region is added as an extra root so it can still be shown/selected).
   */
  const reveal = useCallback(
    async (code: string): Promise<{ detail: RegionDetail; expand: string[] } | null> => {
      let detail: RegionDetail;
      try {
        detail = await fetchDetail(code);
      } catch {
        return null;
      }
      const chain = [...detail.ancestors.map((a) => a.code), detail.code];
      const idx = rootCode ? chain.indexOf(rootCode) : -1;
      if (idx < 0) {
        setExtraRoots((prev) => (prev.some((r) => r.code === detail.code) ? prev : [...prev, detail]));
        return { detail, expand: [] };
      }
      const parents = chain.slice(idx, -1);
      for (const p of parents) await loadChildren(p);
      return { detail, expand: parents };
    },
    [fetchDetail, loadChildren, rootCode],
  );

  const treeData = useMemo<RegionNode[]>(() => {
    const build = (r: Region, seen: Set<string>): RegionNode => {
      const kids = children[r.code];
      const next = new Set(seen).add(r.code);
      return {
        key: r.code,
        value: r.code,
        title: r.name,
        isLeaf: !r.hasChildren,
        region: r,
        children: kids ? kids.filter((k) => !next.has(k.code)).map((k) => build(k, next)) : undefined,
      };
    };
    const roots: RegionNode[] = root.data ? [build(root.data, new Set())] : [];
    for (const extra of extraRoots) {
      if (extra.code !== root.data?.code) roots.push(build(extra, new Set()));
    }
    return roots;
  }, [root.data, children, extraRoots]);

  const findLoaded = useCallback(
    (code: string): boolean => {
      if (root.data?.code === code || extraRoots.some((r) => r.code === code)) return true;
      return Object.values(children).some((list) => list.some((r) => r.code === code));
    },
    [children, extraRoots, root.data],
  );

  return { rootCode, root, treeData, loadChildren, reveal, findLoaded };
}

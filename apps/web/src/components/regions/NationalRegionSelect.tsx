import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Input, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getRegionChildren, qk, searchRegions } from '../../api/endpoints';
import { getProvinces, rqk } from '../../features/registry/api';
import type { Region, RegionDetail } from '../../api/types';
import { useCan } from '../../auth/MeProvider';
import { useDebounced } from '../useDebounced';
import { useRegionDetailFetcher } from './useRegionTree';

const REGION_STALE = 10 * 60_000;

interface Node {
  key: string;
  value: string;
  title: string;
  /** Shown in the selector once chosen: the full name (云南省昆明市官渡区). */
  label: string;
  isLeaf: boolean;
  children?: Node[];
}

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  /** Deepest level offered (1 省 … 5 村); 3 = county. */
  maxLevel?: number;
}

/**
 * Region picker for the whole country: a lazy tree starting at the provinces (GET /api/regions),
 * children via ?parent=, and a name search typed into the box (GET /api/regions?q=).
 */
export function NationalRegionSelect({
  value,
  onChange,
  placeholder = '请选择或输入名称搜索',
  allowClear = true,
  disabled,
  style,
  id,
  maxLevel = 3,
}: Props) {
  const can = useCan();
  const canRead = can('regions:read');
  const qc = useQueryClient();
  const fetchDetail = useRegionDetailFetcher();

  const provinces = useQuery({
    queryKey: rqk.regionProvinces,
    queryFn: ({ signal }) => getProvinces(signal),
    enabled: canRead,
    staleTime: REGION_STALE,
  });
  const [children, setChildren] = useState<Record<string, Region[]>>({});
  const [details, setDetails] = useState<Record<string, RegionDetail>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  const found = useQuery({
    queryKey: qk.regionSearch(q),
    queryFn: ({ signal }) => searchRegions(q, signal),
    enabled: canRead && q.length > 0,
    staleTime: 5 * 60_000,
  });

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

  const findLoaded = useCallback(
    (code: string) =>
      (provinces.data ?? []).some((r) => r.code === code) ||
      Object.values(children).some((list) => list.some((r) => r.code === code)),
    [provinces.data, children],
  );

  // Show the current value inside the tree: load the levels above it and expand them.
  const attempted = useRef(new Set<string>());
  useEffect(() => {
    if (!canRead || !value || !provinces.data || attempted.current.has(value)) return;
    attempted.current.add(value);
    void (async () => {
      let detail: RegionDetail;
      try {
        detail = await fetchDetail(value);
      } catch {
        return;
      }
      setDetails((prev) => ({ ...prev, [value]: detail }));
      const chain = detail.ancestors.filter((a) => a.level < maxLevel).map((a) => a.code);
      for (const code of chain) await loadChildren(code);
      setExpanded((keys) => [...new Set([...keys, ...chain])]);
    })();
  }, [canRead, value, provinces.data, fetchDetail, loadChildren, maxLevel]);

  const treeData = useMemo<Node[]>(() => {
    if (q) {
      return (found.data ?? [])
        .filter((r) => r.level <= maxLevel)
        .map((r) => ({
          key: r.code,
          value: r.code,
          title: r.fullName || r.name,
          label: r.fullName || r.name,
          isLeaf: true,
        }));
    }
    const build = (r: Region, depth: number): Node => {
      const kids = children[r.code];
      return {
        key: r.code,
        value: r.code,
        title: r.name,
        label: r.fullName || r.name,
        isLeaf: !r.hasChildren || r.level >= maxLevel,
        children: kids && depth < 6 ? kids.map((k) => build(k, depth + 1)) : undefined,
      };
    };
    const roots = (provinces.data ?? []).map((r) => build(r, 1));
    if (value && !findLoaded(value)) {
      const d = details[value];
      const label = d ? d.fullName || d.name : value;
      roots.unshift({ key: value, value, title: label, label, isLeaf: true });
    }
    return roots;
  }, [q, found.data, maxLevel, children, provinces.data, value, findLoaded, details]);

  if (!canRead) {
    return (
      <Input
        id={id}
        value={value ?? undefined}
        onChange={(e) => onChange?.(e.target.value.trim() || undefined)}
        placeholder="请输入行政区划代码"
        disabled={disabled}
        style={style}
        allowClear={allowClear}
      />
    );
  }

  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        setSearch('');
        onChange?.(v ?? undefined);
      }}
      treeData={treeData}
      treeNodeLabelProp="label"
      loadData={(node) => loadChildren(String(node.value)).then(() => undefined)}
      treeExpandedKeys={q ? undefined : expanded}
      onTreeExpand={(keys) => {
        if (!q) setExpanded(keys.map(String));
      }}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={(provinces.isPending && provinces.fetchStatus !== 'idle') || found.isFetching}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
      notFoundContent={q ? (found.isFetching ? '正在搜索…' : '未找到匹配的区划') : '暂无数据'}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Input, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { qk, searchRegions } from '../../api/endpoints';
import { useCan } from '../../auth/MeProvider';
import { useDebounced } from '../useDebounced';
import { useRegionTree } from './useRegionTree';

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
}

/**
 * Region picker lazily loaded from /api/regions, starting at the deployment city. Typing searches
 * the city's ~1,900 regions by name on the server (GET /api/regions?q=) and lists the matches with
 * their full names; picking one reveals it in the tree.
 */
export function RegionTreeSelect({
  value,
  onChange,
  placeholder = '请选择或输入名称搜索',
  allowClear = true,
  disabled,
  style,
  id,
}: Props) {
  const can = useCan();
  const canRead = can('regions:read');
  const { treeData, loadChildren, reveal, findLoaded, root, rootCode } = useRegionTree(canRead);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: qk.regionSearch(q),
    queryFn: ({ signal }) => searchRegions(q, signal),
    enabled: canRead && q.length > 0,
    staleTime: 10 * 60_000,
  });
  const searching = search.trim().length > 0;
  const matches = useMemo(
    () =>
      (found.data ?? [])
        .filter((r) => !rootCode || r.code.startsWith(rootCode))
        .map((r) => ({ key: r.code, value: r.code, title: r.fullName || r.name, isLeaf: true })),
    [found.data, rootCode],
  );

  const attempted = useRef(new Set<string>());
  useEffect(() => {
    if (!canRead || !value || !root.data || findLoaded(value) || attempted.current.has(value)) return;
    attempted.current.add(value);
    void reveal(value);
  }, [canRead, value, root.data, findLoaded, reveal]);

  if (!canRead) {
    // Without regions:read the tree cannot be loaded; fall back to entering the code.
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
      treeData={searching ? matches : treeData}
      loadData={searching ? undefined : (node) => loadChildren(String(node.value)).then(() => undefined)}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={(root.isPending && root.fetchStatus !== 'idle') || (searching && found.isFetching)}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      treeDefaultExpandedKeys={root.data ? [root.data.code] : []}
      notFoundContent={
        searching ? (found.isFetching || q !== search.trim() ? '正在搜索…' : '没有匹配的区划') : '暂无数据'
      }
    />
  );
}

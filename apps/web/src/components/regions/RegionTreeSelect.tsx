import { Input, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useRef } from 'react';
import { useCan } from '../../auth/MeProvider';
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

/** Region picker lazily loaded from /api/regions, starting at the deployment city. */
export function RegionTreeSelect({ value, onChange, placeholder = '请选择行政区划', allowClear = true, disabled, style, id }: Props) {
  const can = useCan();
  const canRead = can('regions:read');
  const { treeData, loadChildren, reveal, findLoaded, root } = useRegionTree(canRead);

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
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value)).then(() => undefined)}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={root.isPending && root.fetchStatus !== 'idle'}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      treeDefaultExpandedKeys={root.data ? [root.data.code] : []}
      notFoundContent="暂无数据"
    />
  );
}

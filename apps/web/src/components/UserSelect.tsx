import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo, useState } from 'react';
import { assignableUserKeys, getAssignableUsers } from '../api/endpoints';
import { useDebounced } from './useDebounced';

interface Props {
  /** The chosen user ids. */
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  /** At most this many users (default: no limit). */
  max?: number;
  'data-testid'?: string;
}

/**
 * The user picker (可指派人员): active staff of the caller's region, searched by name as the user types
 * (GET /api/users/assignable?q=, debounced); the names of users already chosen are fetched by id.
 */
export function UserSelect({
  value,
  onChange,
  placeholder = '输入姓名搜索人员',
  disabled,
  style,
  id,
  max,
  ...rest
}: Props) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: assignableUserKeys.search(q),
    queryFn: ({ signal }) => getAssignableUsers({ q: q || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: opened || q.length > 0,
  });
  const chosen = useMemo(() => value ?? [], [value]);
  const items = useMemo(() => list.data ?? [], [list.data]);
  const unknown = chosen.filter((x) => !items.some((u) => u.id === x));
  const names = useQuery({
    queryKey: assignableUserKeys.byIds(unknown.join(',')),
    queryFn: ({ signal }) => getAssignableUsers({ ids: unknown.join(',') }, signal),
    enabled: unknown.length > 0,
    staleTime: 60_000,
    meta: { silent: true },
  });
  const options = useMemo(() => {
    const all = [...items];
    for (const u of names.data ?? []) if (!all.some((x) => x.id === u.id)) all.unshift(u);
    return all.map((u) => ({ value: u.id, label: u.displayName, user: u }));
  }, [items, names.data]);

  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode="multiple"
      showSearch
      value={chosen}
      onChange={(v: string[]) => onChange?.(max ? v.slice(0, max) : v)}
      onSearch={setSearch}
      onOpenChange={(o) => {
        if (o) setOpened(true);
      }}
      filterOption={false}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.user.displayName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[o.data.user.departmentName, o.data.user.regionName ?? o.data.user.regionCode].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      )}
      loading={list.isFetching}
      placeholder={placeholder}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      notFoundContent={list.isFetching ? '正在搜索…' : '未找到匹配的人员'}
    />
  );
}

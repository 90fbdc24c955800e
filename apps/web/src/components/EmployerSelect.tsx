import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo, useState } from 'react';
import { getEmployer, getEmployers, rqk } from '../features/registry/api';
import type { Employer } from '../api/types';
import { useDebounced } from './useDebounced';

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined, employer?: Employer) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
}

/** Employer picker searching GET /api/employers?q= as the user types. */
export function EmployerSelect({
  value,
  onChange,
  placeholder = '输入单位名称搜索',
  allowClear = true,
  disabled,
  style,
  id,
}: Props) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: rqk.employerSearch(q),
    queryFn: ({ signal }) => getEmployers({ q: q || undefined, page: 1, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // Nothing is fetched until the list is opened or something is typed.
    enabled: opened || q.length > 0,
  });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const known = !value || items.some((e) => e.id === value);
  const current = useQuery({
    queryKey: rqk.employer(value ?? ''),
    queryFn: ({ signal }) => getEmployer(value as string, signal),
    enabled: !!value && !known,
    staleTime: 60_000,
    meta: { silent: true },
  });

  const options = useMemo(() => {
    const all = [...items];
    if (current.data && !all.some((e) => e.id === current.data.id)) all.unshift(current.data);
    return all.map((e) => ({
      value: e.id,
      label: e.name,
      employer: e,
    }));
  }, [items, current.data]);

  return (
    <Select
      id={id}
      showSearch
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v, options.find((o) => o.value === v)?.employer)}
      onSearch={setSearch}
      onOpenChange={(o) => {
        if (o) setOpened(true);
      }}
      filterOption={false}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.employer.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.employer.creditCode}
            {o.data.employer.regionName ? ` · ${o.data.employer.regionName}` : ''}
          </Typography.Text>
        </div>
      )}
      loading={list.isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      notFoundContent={list.isFetching ? '正在搜索…' : '未找到匹配的用工单位'}
    />
  );
}

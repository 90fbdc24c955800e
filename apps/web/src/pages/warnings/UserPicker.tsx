import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useState } from 'react';
import { getUsers, qk } from '../../api/endpoints';
import type { UserListQuery } from '../../api/types';
import { useDebounced } from '../../components/useDebounced';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  /** Restrict to a department (users of the chosen department first). */
  departmentId?: string;
}

/** Active users searched by name or username (GET /api/users?q=); needs users:read. */
export function UserPicker({ value, onChange, placeholder = '输入姓名或用户名搜索', style, id, departmentId }: Props) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const query: UserListQuery = { q: q || undefined, departmentId, status: 'active', page: 1, pageSize: 20 };
  const list = useQuery({
    queryKey: qk.users(query),
    queryFn: ({ signal }) => getUsers(query, signal),
    placeholderData: keepPreviousData,
    enabled: opened || q.length > 0,
    staleTime: 30_000,
  });
  const options = (list.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）`,
    user: u,
  }));
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
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
            {o.data.user.username}
            {o.data.user.departmentName ? ` · ${o.data.user.departmentName}` : ''}
          </Typography.Text>
        </div>
      )}
      loading={list.isFetching}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      notFoundContent={list.isFetching ? '正在搜索…' : '未找到匹配的用户'}
    />
  );
}

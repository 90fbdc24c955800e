import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useState } from 'react';
import type { ResponseOf } from '../../../../api/openapi';
import { useDebounced } from '../../../../components/useDebounced';
import { getWarningAssignees } from '../../api';

export type Assignee = ResponseOf<'/api/warnings/{id}/assignees', 'get'>[number];

interface Props {
  /** The warning to assign: candidates are the handlers at its project's region and above. */
  warningId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
}

/** Users who may handle this warning (GET /api/warnings/:id/assignees?q=), searched by name or username. */
export function UserPicker({ warningId, value, onChange, placeholder = '输入姓名或用户名搜索', style, id }: Props) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: ['warnings', warningId, 'assignees', q],
    queryFn: ({ signal }) => getWarningAssignees(warningId, q || undefined, signal),
    placeholderData: keepPreviousData,
    enabled: opened || q.length > 0,
    staleTime: 30_000,
  });
  const options = (list.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）`, user: u }));
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
      notFoundContent={list.isFetching ? '搜索中…' : '没有可承办的人员'}
      style={style}
    />
  );
}

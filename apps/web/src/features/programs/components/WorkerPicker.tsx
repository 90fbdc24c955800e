import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../../components/useDebounced';
import { searchWorkers } from '../api';

/** Registry workers picked by name (masked ID numbers shown); one or many. */
export function WorkerPicker({
  value,
  onChange,
  multiple,
  id,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['programs', 'workers', q],
    queryFn: ({ signal }) => searchWorkers(q, signal),
    enabled: q.length > 0,
  });
  const options = [
    ...(found.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.idNumber}）` })),
    ...Object.entries(known)
      .filter(([id]) => !found.data?.items.some((w) => w.id === id))
      .map(([value, label]) => ({ value, label })),
  ];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      allowClear
      filterOption={false}
      placeholder="输入姓名搜索实名登记的务工人员"
      notFoundContent={q ? (found.isFetching ? '查询中…' : '未找到') : '请输入姓名'}
      onSearch={setSearch}
      value={value}
      options={options}
      onChange={(v: string | string[]) => {
        const ids = Array.isArray(v) ? v : v ? [v] : [];
        const labels = { ...known };
        for (const o of options) if (ids.includes(o.value)) labels[o.value] = o.label;
        setKnown(labels);
        onChange?.(v);
      }}
    />
  );
}

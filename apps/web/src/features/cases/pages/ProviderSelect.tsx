import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../../components/useDebounced';
import { getProviders, LEGAL_AID_PROVIDER_KIND_LABELS, providerKeys } from '../api';

/** The active legal-aid providers in the user's scope, searched by name (the 「指派承办」 field). */
export function ProviderSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const query = { q: useDebounced(q, 300) || undefined, active: true, page: 1, pageSize: 50 };
  const list = useQuery({ queryKey: providerKeys.list(query), queryFn: ({ signal }) => getProviders(query, signal) });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={list.isFetching}
      placeholder="输入名称、执业机构或执业证号查找"
      data-testid="provider-select"
      options={(list.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}${p.organisation ? `（${p.organisation}）` : ''} · ${LEGAL_AID_PROVIDER_KIND_LABELS[p.kind]}`,
      }))}
    />
  );
}

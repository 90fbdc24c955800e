import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { getComplaintRegions } from '../api';

/**
 * The city's counties (区/县) for the public complaint form: no account, so no region tree. `id` (from Form.Item)
 * ties the field's label to the select, for screen readers.
 */
export function RegionCascadeInput({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const q = useQuery({
    queryKey: ['public', 'complaint-regions'],
    queryFn: ({ signal }) => getComplaintRegions(signal),
    staleTime: 60 * 60_000,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={q.isLoading}
      placeholder="请选择区（县）"
      showSearch
      optionFilterProp="label"
      options={(q.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
      data-testid="complaint-region"
    />
  );
}

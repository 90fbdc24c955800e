import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { PAGE_SIZES } from '../../../components/listParams';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { programKeys, type ListQuery } from '../api';

interface PageOf<T> {
  items: T[];
  total: number;
}

/** A programme register: text search, region (with the places below it), a paged table. */
export function ProgramTable<T extends { id: string }>({
  what,
  fetch,
  columns,
  searchPlaceholder = '名称或内容',
  toolbar,
  unit = '条',
}: {
  what: string;
  fetch: (q: ListQuery, signal?: AbortSignal) => Promise<PageOf<T>>;
  columns: TableColumnsType<T>;
  searchPlaceholder?: string;
  toolbar?: (filters: { q?: string; regionCode?: string }) => ReactNode;
  unit?: string;
}) {
  const [query, setQuery] = useState<ListQuery>({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: programKeys.list(what, query),
    queryFn: ({ signal }) => fetch(query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={searchPlaceholder}
          aria-label="搜索"
          style={{ width: 240 }}
          onSearch={(v) => setQuery({ ...query, q: v.trim() || undefined, page: 1 })}
        />
        <RegionTreeSelect
          placeholder="区划（含下级）"
          style={{ width: 240 }}
          value={query.regionCode}
          onChange={(v) => setQuery({ ...query, regionCode: v, page: 1 })}
        />
        {toolbar?.({ q: query.q, regionCode: query.regionCode })}
      </Space>
      <Table<T>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} ${unit}`,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
    </>
  );
}

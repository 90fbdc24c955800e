import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ResponseOf } from '../../api/openapi';
import { GET } from '../../api/typed';
import { errorText } from '../feedback';

type ImportErrorsPage = ResponseOf<'/api/imports/{id}/errors', 'get'>;
/** One failed row as GET /api/imports/:id/errors lists it: every message of the row, per column. */
export type ImportErrorRow = ImportErrorsPage['items'][number];

export const getImportErrors = (jobId: string, page: number, pageSize: number, signal?: AbortSignal) =>
  GET('/api/imports/{id}/errors', { params: { path: { id: jobId }, query: { page, pageSize } }, signal });

/**
 * The failed rows of a finished import job, on screen: row number (as in the file), then each bad
 * cell's column and message — every error of a row at once. Paged by the server.
 */
export function ImportErrorsTable({ jobId }: { jobId: string }) {
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({
    queryKey: ['imports', 'errors', jobId, page.page, page.pageSize],
    queryFn: ({ signal }) => getImportErrors(jobId, page.page, page.pageSize, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <Alert type="error" showIcon message="无法获取错误明细" description={errorText(q.error)} />;
  const columns: TableColumnsType<ImportErrorRow> = [
    { title: '行号', dataIndex: 'rowNo', width: 80, render: (v: number) => `第 ${v} 行` },
    {
      title: '错误',
      key: 'errors',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          {r.errors.map((e, i) => (
            <span key={i}>
              {e.header ? <Tag color="red">{e.header}</Tag> : <Tag>整行</Tag>}
              <Typography.Text>{e.message}</Typography.Text>
            </span>
          ))}
        </Space>
      ),
    },
  ];
  const data = q.data;
  return (
    <div data-testid="import-errors-table">
      {data && data.errorRows > data.total && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          共 {data.errorRows} 行出错，错误明细只保存了前 {data.total} 行。
        </Typography.Text>
      )}
      <Table<ImportErrorRow>
        rowKey="rowNo"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={q.isFetching && !data}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 行出错`,
          onChange: (p, ps) => setPage((cur) => ({ page: ps !== cur.pageSize ? 1 : p, pageSize: ps })),
        }}
      />
    </div>
  );
}

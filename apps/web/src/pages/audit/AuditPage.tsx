import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { getAudit, qk } from '../../api/endpoints';
import { auditActionLabels, auditOutcomeLabels } from '../../api/labels';
import type { AuditEntry, AuditQuery } from '../../api/types';
import { PageCard } from '../../components/PageCard';
import { formatDateTime } from '../../components/time';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { useAuditVerify } from './useAuditVerify';

function hasDetail(detail: unknown): boolean {
  if (detail === null || detail === undefined || detail === '') return false;
  if (typeof detail === 'object' && Object.keys(detail as object).length === 0) return false;
  return true;
}

function DetailJson({ detail }: { detail: unknown }) {
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
  return <pre className="json-detail">{text}</pre>;
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
  { title: '时间', dataIndex: 'ts', width: 170, render: (ts: string) => formatDateTime(ts) },
  { title: '用户', dataIndex: 'username', width: 120, render: (v: string | null) => v ?? <Typography.Text type="secondary">匿名</Typography.Text> },
  { title: '部门', dataIndex: 'department', width: 150, render: (v: string | null) => v ?? '—' },
  { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 200,
    render: (v: string) => (
      <span>
        {auditActionLabels[v] ?? v} <Typography.Text code type="secondary">{v}</Typography.Text>
      </span>
    ),
  },
  {
    title: '对象',
    key: 'object',
    render: (_, e) =>
      e.objectType ? (
        <span>
          {e.objectType}
          {e.objectId ? <Typography.Text type="secondary"> #{e.objectId}</Typography.Text> : null}
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '结果',
    dataIndex: 'outcome',
    width: 80,
    render: (o: AuditEntry['outcome']) => {
      const label = auditOutcomeLabels[o];
      return label ? <Tag color={label.color}>{label.text}</Tag> : <Tag>{o}</Tag>;
    },
  },
];

export default function AuditPage() {
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const verify = useAuditVerify();
  const audit = useQuery({
    queryKey: qk.audit(query),
    queryFn: ({ signal }) => getAudit(query, signal),
    placeholderData: keepPreviousData,
  });

  const applyFilter = (f: AuditFilter) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, ...f }));

  return (
    <PageCard
      title="审计日志"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()}>
            刷新
          </Button>
          {verify.button}
        </Space>
      }
    >
      {verify.result}
      <AuditFilters onChange={applyFilter} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={audit.data?.items ?? []}
        loading={audit.isFetching}
        scroll={{ x: 1150 }}
        expandable={{
          expandedRowRender: (e) => <DetailJson detail={e.detail} />,
          rowExpandable: (e) => hasDetail(e.detail),
        }}
        locale={{ emptyText: <Empty description="没有符合条件的审计记录" /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
    </PageCard>
  );
}

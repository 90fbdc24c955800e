import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { getAudit, systemKeys } from '../../api';
import { auditActionLabel, auditDetailPairs, auditObjectLabels, auditOutcomeLabels } from '../../../../api/labels';
import type { AuditEntry, AuditQuery } from '../../../../api/types';
import { PageCard } from '../../../../components/PageCard';
import { formatDateTime } from '../../../../components/time';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { useAuditVerify } from './useAuditVerify';

function hasDetail(detail: unknown): boolean {
  if (detail === null || detail === undefined || detail === '') return false;
  if (typeof detail === 'object' && Object.keys(detail as object).length === 0) return false;
  return true;
}

/** Detail as Chinese key/value pairs (names and coded values from the one label table). */
function DetailPairs({ detail }: { detail: unknown }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="audit-detail"
      items={auditDetailPairs(detail).map(([label, value], i) => ({ key: i, label, children: value }))}
    />
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object as 类型 + its name when the detail carries one, else a short number (full id on hover). */
function ObjectLabel({ entry }: { entry: AuditEntry }) {
  if (!entry.objectType) return <>—</>;
  const type = auditObjectLabels[entry.objectType] ?? entry.objectType;
  const d = (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Record<string, unknown>;
  const name = [d.name, d.username, d.code].find((v): v is string => typeof v === 'string' && v !== '');
  const id = entry.objectId;
  let ref: ReactNode = null;
  if (name) ref = <>“{name}”</>;
  else if (id && UUID.test(id))
    ref = (
      <Tooltip title={`标识：${id}`}>
        <Typography.Text type="secondary">（编号 {id.slice(0, 8)}）</Typography.Text>
      </Tooltip>
    );
  else if (id) ref = entry.objectType === 'calendar_year' ? <>{id} 年</> : <>{id}</>;
  return (
    <span>
      {type}
      {ref ? ' ' : null}
      {ref}
    </span>
  );
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
  { title: '时间', dataIndex: 'ts', width: 170, render: (ts: string) => formatDateTime(ts) },
  {
    title: '用户',
    dataIndex: 'username',
    width: 120,
    render: (v: string | null) => v ?? <Typography.Text type="secondary">匿名</Typography.Text>,
  },
  { title: '部门', dataIndex: 'department', width: 150, render: (v: string | null) => v ?? '—' },
  { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 180,
    render: (v: string) => (
      <Tooltip title={`操作代码：${v}`}>
        <span data-testid="audit-action">{auditActionLabel(v)}</span>
      </Tooltip>
    ),
  },
  {
    title: '对象',
    key: 'object',
    render: (_, e) => <ObjectLabel entry={e} />,
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
    queryKey: systemKeys.audit(query),
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
          expandedRowRender: (e) => <DetailPairs detail={e.detail} />,
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

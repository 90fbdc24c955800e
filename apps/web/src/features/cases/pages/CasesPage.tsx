import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageCard } from '../../../components/PageCard';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../components/listParams';
import { formatDateTime } from '../../../components/time';
import { useMe } from '../../../auth/MeProvider';
import { CASE_QUEUE_LABELS, caseKeys, getCases, type CaseListItem, type CaseListQuery, type CaseQueue } from '../api';
import { ComplaintModal } from './ComplaintModal';
import { DisputeModal } from './DisputeModal';

const QUEUES = Object.keys(CASE_QUEUE_LABELS) as CaseQueue[];

function queryFromParams(params: URLSearchParams): CaseListQuery {
  const queue = params.get('queue');
  return {
    queue: queue && (QUEUES as string[]).includes(queue) ? (queue as CaseQueue) : undefined,
    ...pagingFromParams(params),
  };
}

/** /cases — 案件办理: the queues 我的待办 / 待受理 / 即将到期 / 已超期, and every case. */
export default function CasesPage() {
  const navigate = useNavigate();
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [filing, setFiling] = useState(false);
  const [dispute, setDispute] = useState<'mediation' | 'arbitration' | null>(null);
  const list = useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => getCases(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<CaseListItem> = [
    { title: '类型', dataIndex: 'typeName', width: 100 },
    {
      title: '事项',
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (
        <Space size={4}>
          <Typography.Link>{v}</Typography.Link>
          {r.tags.map((x) => (
            <Tag key={x.code} color={x.priority ? 'green' : 'blue'}>
              {x.label}
            </Tag>
          ))}
          {r.groupSize ? <Tag color="red">群体性 {r.groupSize} 人</Tag> : null}
          {r.escalated ? <Tag color="volcano">已升级督办</Tag> : null}
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'stateName', width: 120, render: (v: string) => <Tag>{v}</Tag> },
    { title: '所在地', dataIndex: 'regionName', width: 200, ellipsis: true },
    { title: '承办人', dataIndex: 'assigneeName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '登记时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <PageCard
      title="案件办理"
      extra={
        can('rights:handle') ? (
          <Space wrap>
            <Button onClick={() => setDispute('mediation')}>登记调解申请</Button>
            <Button onClick={() => setDispute('arbitration')}>登记仲裁申请</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>
              登记投诉举报
            </Button>
          </Space>
        ) : null
      }
    >
      <Tabs
        activeKey={query.queue ?? 'all'}
        onChange={(k) => setParams(paramsFromQuery({ ...query, queue: k === 'all' ? undefined : k, page: 1 }))}
        items={[...QUEUES.map((q) => ({ key: q, label: CASE_QUEUE_LABELS[q] })), { key: 'all', label: '全部案件' }]}
      />
      <Table<CaseListItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => void navigate(`/cases/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 件`,
          onChange: (page, pageSize) => setParams(paramsFromQuery({ ...query, page, pageSize })),
        }}
      />
      {dispute && (
        <DisputeModal kind={dispute} onClose={() => setDispute(null)} onFiled={(id) => void navigate(`/cases/${id}`)} />
      )}
      {filing && <ComplaintModal onClose={() => setFiling(false)} onFiled={(id) => void navigate(`/cases/${id}`)} />}
    </PageCard>
  );
}

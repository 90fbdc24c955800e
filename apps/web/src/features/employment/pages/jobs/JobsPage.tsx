import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import { yuanRange } from '@mwsp/domain';
import {
  employmentKeys,
  exportJobs,
  getJobs,
  JOB_STATUS_LABELS,
  withdrawJob,
  type Job,
  type JobListQuery,
  type JobStatus,
} from '../../api';
import { ListFiles } from '../../components/ListFiles';
import { JobFormModal } from './JobFormModal';

const STATUS_COLORS: Record<JobStatus, string> = {
  open: 'green',
  filled: 'blue',
  expired: 'default',
  withdrawn: 'red',
};

function queryFromParams(p: URLSearchParams): JobListQuery {
  const status = p.get('status');
  return {
    q: p.get('q') || undefined,
    status: status && status in JOB_STATUS_LABELS ? (status as JobStatus) : undefined,
    ...pagingFromParams(p),
  };
}

/** /jobs — 岗位信息: the city's postings, keyword search (两个字即可), publish, edit and withdraw. */
export default function JobsPage() {
  const { can } = useMe();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [editing, setEditing] = useState<Job | 'new' | null>(null);
  const list = useQuery({
    queryKey: employmentKeys.jobs(query),
    queryFn: ({ signal }) => getJobs(query, signal),
    placeholderData: keepPreviousData,
  });
  const withdraw = useMutation({
    mutationFn: (j: Job) => withdrawJob(j.id, '用人单位撤回'),
    onSuccess: async () => {
      message.success('岗位已撤回');
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
    },
  });

  const columns: TableColumnsType<Job> = [
    { title: '岗位', dataIndex: 'title', ellipsis: true },
    { title: '工种', dataIndex: 'occupationName', width: 130 },
    { title: '用工单位', dataIndex: 'employerName', width: 200, ellipsis: true },
    { title: '工作地点', dataIndex: 'regionName', width: 160, ellipsis: true },
    { title: '月薪', width: 170, render: (_, r) => yuanRange(r.wageMinFen, r.wageMaxFen) },
    { title: '人数', dataIndex: 'headcount', width: 70 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: JobStatus, r) => (
        <Space size={2}>
          <Tag color={STATUS_COLORS[s]}>{JOB_STATUS_LABELS[s]}</Tag>
          {r.warnings.length > 0 && (
            <Tooltip title={r.warnings.map((w) => w.message).join('；')}>
              <Tag color="orange">提示</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '有效期至', dataIndex: 'validUntil', width: 110 },
    {
      title: '操作',
      width: 130,
      render: (_, r) =>
        can('employment:handle') && r.status !== 'withdrawn' ? (
          <Space>
            <a onClick={() => setEditing(r)}>修改</a>
            <a
              onClick={() =>
                modal.confirm({
                  title: `撤回岗位“${r.title}”？`,
                  content: '撤回后不再向求职者推荐，已有的推荐记录保留。',
                  okText: '撤回',
                  okButtonProps: { danger: true },
                  onOk: () => withdraw.mutateAsync(r),
                })
              }
            >
              撤回
            </a>
          </Space>
        ) : null,
    },
  ];

  return (
    <PageCard
      title="岗位信息"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            发布岗位
          </Button>
        ) : null
      }
    >
      <div style={{ marginBottom: 12 }}>
        <ListFiles title="岗位信息" exportFile={() => exportJobs(query)} importJobs />
      </div>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="关键词：电工、焊工、保洁……"
          defaultValue={query.q}
          onSearch={(q) => setParams(paramsFromQuery({ ...query, q: q || undefined, page: 1 }))}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={query.status}
          options={Object.entries(JOB_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(status) => setParams(paramsFromQuery({ ...query, status, page: 1 }))}
        />
      </Space>
      <Table<Job>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个岗位`,
          onChange: (page, pageSize) => setParams(paramsFromQuery({ ...query, page, pageSize })),
        }}
      />
      {editing && <JobFormModal job={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </PageCard>
  );
}

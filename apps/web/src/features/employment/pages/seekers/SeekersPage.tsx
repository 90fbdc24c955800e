import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../../../../auth/MeProvider';
import { formatYuanText } from '../../../../components/money';
import { PageCard } from '../../../../components/PageCard';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import {
  employmentKeys,
  exportSeekers,
  getSeekers,
  reconfirmSeeker,
  type Seeker,
  type SeekerListQuery,
} from '../../api';
import { ListFiles } from '../../components/ListFiles';
import { SeekerModal } from './SeekerModal';

/** /seekers — 求职登记: seekers in the caller's scope; stale ones (90 天未确认) are marked and can be reconfirmed. */
export default function SeekersPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo<SeekerListQuery>(
    () => ({ q: params.get('q') || undefined, ...pagingFromParams(params) }),
    [params],
  );
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: employmentKeys.seekers(query),
    queryFn: ({ signal }) => getSeekers(query, signal),
    placeholderData: keepPreviousData,
  });
  const reconfirm = useMutation({
    mutationFn: (id: string) => reconfirmSeeker(id),
    onSuccess: async () => {
      message.success('已确认求职意向，重新进入匹配');
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
    },
  });
  const columns: TableColumnsType<Seeker> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '年龄', dataIndex: 'age', width: 60 },
    { title: '现居住地', dataIndex: 'regionName', width: 180, ellipsis: true },
    { title: '意向工种', render: (_, r) => r.occupations.map((o) => o.name).join('、') },
    { title: '就业意向', dataIndex: 'preferenceName', width: 100 },
    { title: '期望月薪', width: 110, render: (_, r) => formatYuanText(r.minWageFen) },
    {
      title: '状态',
      width: 150,
      render: (_, r) => (
        <Space size={2}>
          <Tag>{r.statusName}</Tag>
          {r.stale && <Tag color="orange">超过90天未确认</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      width: 170,
      render: (_, r) => (
        <Space>
          <a onClick={() => void navigate(`/seekers/${r.id}/matches`)}>推荐岗位</a>
          {r.stale && can('employment:handle') && <a onClick={() => reconfirm.mutate(r.id)}>确认求职意向</a>}
        </Space>
      ),
    },
  ];
  return (
    <PageCard
      title="求职登记"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            求职登记
          </Button>
        ) : null
      }
    >
      <div style={{ marginBottom: 12 }}>
        <ListFiles title="求职登记" exportFile={() => exportSeekers(query)} />
      </div>
      <Input.Search
        allowClear
        placeholder="姓名"
        defaultValue={query.q}
        onSearch={(q) => setParams(paramsFromQuery({ ...query, q: q || undefined, page: 1 }))}
        style={{ width: 240, marginBottom: 12 }}
      />
      <Table<Seeker>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 人`,
          onChange: (page, pageSize) => setParams(paramsFromQuery({ ...query, page, pageSize })),
        }}
      />
      {adding && <SeekerModal onClose={() => setAdding(false)} />}
    </PageCard>
  );
}

import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { defaulterStatusLabels, defaulterStatusOptions, getDefaulters, wqk } from '../../api';
import type { Defaulter, DefaulterListQuery, DefaulterStatus } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { ListDefaulterModal, RemoveDefaulterModal } from '../../components/DefaulterModals';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import { LabelTag } from '../../../../components/display';

const STATUSES = new Set(Object.keys(defaulterStatusLabels));

function queryFromParams(params: URLSearchParams): DefaulterListQuery {
  const status = params.get('status');
  return {
    status: status && STATUSES.has(status) ? (status as DefaulterStatus) : undefined,
    q: params.get('q') || undefined,
    ...pagingFromParams(params),
  };
}

const ellipsisCell = (v: string | null) =>
  v ? (
    <Tooltip title={v} placement="topLeft">
      {v}
    </Tooltip>
  ) : (
    '—'
  );

/** /defaulters — 拖欠农民工工资失信联合惩戒对象名单 (management). */
export default function DefaultersPage() {
  const can = useCan();
  const canWrite = can('arrears:write');
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [search, setSearch] = useState(query.q ?? '');
  useEffect(() => setSearch(query.q ?? ''), [query.q]);
  const [listOpen, setListOpen] = useState(false);
  const [removing, setRemoving] = useState<Defaulter | null>(null);

  const setQuery = (next: DefaulterListQuery) => setParams(paramsFromQuery(next), { replace: true });
  const filter = (patch: Partial<DefaulterListQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const list = useQuery({
    queryKey: wqk.defaulters(query),
    queryFn: ({ signal }) => getDefaulters(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Defaulter> = [
    {
      title: '用人单位',
      dataIndex: 'employerName',
      width: 240,
      fixed: 'left',
      render: (v: string, d) => (
        <div>
          <span>{v}</span>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {d.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (v: DefaulterStatus) => <LabelTag value={v} labels={defaulterStatusLabels} />,
    },
    { title: '列入依据', dataIndex: 'basis', width: 220, ellipsis: { showTitle: false }, render: ellipsisCell },
    { title: '列入事由', dataIndex: 'reason', width: 240, ellipsis: { showTitle: false }, render: ellipsisCell },
    {
      title: '责任人员',
      dataIndex: 'responsiblePersons',
      width: 140,
      ellipsis: { showTitle: false },
      render: ellipsisCell,
    },
    { title: '决定书文号', dataIndex: 'decisionNo', width: 180, ellipsis: true },
    { title: '列入日期', dataIndex: 'listedOn', width: 110 },
    { title: '届满日期', dataIndex: 'expiresOn', width: 110 },
    {
      title: '移出情况',
      key: 'removal',
      width: 200,
      render: (_, d) =>
        d.status === 'removed' ? (
          <span>
            {d.removedOn ?? '—'} 提前移出
            {d.correctedOn && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                改正日期 {d.correctedOn}
              </Typography.Text>
            )}
          </span>
        ) : d.status === 'expired' ? (
          '有效期届满移出'
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, d) =>
        d.status === 'listed' ? (
          <Button size="small" onClick={() => setRemoving(d)} data-testid={`defaulter-remove-${d.id}`}>
            提前移出
          </Button>
        ) : null,
    });
  }

  const hasFilters = !!(query.status || query.q);

  return (
    <PageCard
      title="失信联合惩戒名单"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            刷新
          </Button>
          {canWrite && (
            <Button
              type="primary"
              danger
              icon={<PlusOutlined />}
              onClick={() => setListOpen(true)}
              data-testid="defaulter-list"
            >
              列入名单
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        依据《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人社部令第45号）管理。名单有效期 3
        年，期满自动移出；改正违法行为、作出信用承诺并满 6
        个月的，可申请提前移出。在“名单内”的记录同时在公开查询页面向社会公示。
      </Typography.Paragraph>
      <Space wrap align="start" style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="单位名称或统一社会信用代码"
          allowClear
          enterButton="搜索"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value && query.q) filter({ q: undefined });
          }}
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 300 }}
        />
        <Select<DefaulterStatus | undefined>
          allowClear
          placeholder="名单状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          options={defaulterStatusOptions}
          style={{ width: 140 }}
          data-testid="defaulters-filter-status"
        />
        {hasFilters && (
          <Button
            onClick={() => {
              setSearch('');
              setQuery({ page: 1, pageSize: query.pageSize });
            }}
          >
            重置
          </Button>
        )}
      </Space>
      <Table<Defaulter>
        data-testid="defaulters-table"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1600 }}
        locale={{
          emptyText: (
            <Empty
              description={
                list.isError ? '名单加载失败，请稍后刷新重试' : hasFilters ? '没有符合条件的记录' : '名单中暂无单位'
              }
            />
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setQuery({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize }),
        }}
      />
      {canWrite && <ListDefaulterModal open={listOpen} onClose={() => setListOpen(false)} />}
      {canWrite && <RemoveDefaulterModal defaulter={removing} open={!!removing} onClose={() => setRemoving(null)} />}
    </PageCard>
  );
}

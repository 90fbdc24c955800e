import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { arrearsStatusLabels, arrearsStatusOptions, getArrears, wqk } from '../../api';
import type { ArrearsListItem, ArrearsListQuery, ArrearsStatus } from '../../api';
import { PageCard } from '../../../../components/PageCard';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { formatDateTime, today } from '../../../../components/time';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import { DueDate, LabelTag } from '../../../../components/display';
import { MoneyCell } from '../../../../components/money';

const STATUSES = new Set(Object.keys(arrearsStatusLabels));

function queryFromParams(params: URLSearchParams): ArrearsListQuery {
  const status = params.get('status');
  return {
    status: status && STATUSES.has(status) ? (status as ArrearsStatus) : undefined,
    regionCode: params.get('regionCode') || undefined,
    q: params.get('q') || undefined,
    ...pagingFromParams(params),
  };
}

/** /arrears — 欠薪案件 list. */
export default function ArrearsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [search, setSearch] = useState(query.q ?? '');
  useEffect(() => setSearch(query.q ?? ''), [query.q]);

  const setQuery = (next: ArrearsListQuery) => setParams(paramsFromQuery(next), { replace: true });
  const filter = (patch: Partial<ArrearsListQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const list = useQuery({
    queryKey: wqk.arrears(query),
    queryFn: ({ signal }) => getArrears(query, signal),
    placeholderData: keepPreviousData,
  });
  const now = today();

  const columns: TableColumnsType<ArrearsListItem> = [
    {
      title: '案件编号',
      dataIndex: 'seq',
      width: 90,
      fixed: 'left',
      render: (v: number) => <Typography.Link>#{v}</Typography.Link>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (v: ArrearsStatus) => <LabelTag value={v} labels={arrearsStatusLabels} />,
    },
    {
      title: '工程项目',
      dataIndex: 'projectName',
      width: 200,
      ellipsis: true,
      render: (v: string | null, r) =>
        r.projectId ? (
          <Link to={`/projects/${r.projectId}`} onClick={(e) => e.stopPropagation()}>
            {v ?? '—'}
          </Link>
        ) : (
          (v ?? '—')
        ),
    },
    { title: '欠薪责任单位', dataIndex: 'employerName', width: 200, ellipsis: true },
    {
      title: '案情摘要',
      dataIndex: 'summary',
      width: 240,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '人数', dataIndex: 'workers', width: 70, align: 'right' },
    { title: '月数', dataIndex: 'months', width: 70, align: 'right' },
    {
      title: '欠薪金额（元）',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (v: number) => <MoneyCell fen={v} />,
    },
    {
      title: '已支付（元）',
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (v: number) => <MoneyCell fen={v} />,
    },
    {
      title: '未清偿（元）',
      dataIndex: 'outstandingFen',
      width: 130,
      align: 'right',
      render: (v: number) => <MoneyCell fen={v} danger />,
    },
    {
      title: '支付令期限',
      dataIndex: 'orderDueOn',
      width: 170,
      render: (v: string | null, r) => (
        <DueDate dueOn={v} overdue={!!v && v < now && r.outstandingFen > 0 && r.status !== 'closed'} />
      ),
    },
    { title: '立案时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  const hasFilters = !!(query.status || query.regionCode || query.q);

  return (
    <PageCard
      title="欠薪案件"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
          刷新
        </Button>
      }
    >
      <Space wrap align="start" style={{ marginBottom: 16 }} data-testid="arrears-filters">
        <Input.Search
          placeholder="项目、单位名称或摘要"
          allowClear
          enterButton="搜索"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value && query.q) filter({ q: undefined });
          }}
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 280 }}
        />
        <Select<ArrearsStatus | undefined>
          allowClear
          placeholder="案件状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          options={arrearsStatusOptions}
          style={{ width: 180 }}
          data-testid="arrears-filter-status"
        />
        <RegionTreeSelect
          placeholder="所属区划（全部）"
          value={query.regionCode}
          onChange={(v) => filter({ regionCode: v })}
          style={{ width: 200 }}
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
      <Table<ArrearsListItem>
        data-testid="arrears-table"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1760 }}
        onRow={(r) => ({ onClick: () => void navigate(`/arrears/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: (
            <Empty
              description={
                list.isError
                  ? '案件列表加载失败，请稍后刷新重试'
                  : hasFilters
                    ? '没有符合条件的案件'
                    : '暂无欠薪案件（可在预警详情中“确认欠薪并立案”）'
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
          showTotal: (t) => `共 ${t} 件`,
          onChange: (page, pageSize) => setQuery({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize }),
        }}
      />
    </PageCard>
  );
}

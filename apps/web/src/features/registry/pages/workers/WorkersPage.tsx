import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { migrantTypeLabels, migrantTypeOptions, sexLabels, workerStatusLabels } from '../../../../api/labels';
import { getWorkers, rqk } from '../../api';
import type {
  MigrantType,
  WorkerFilters,
  WorkerListItem,
  WorkerListQuery,
  WorkerSort,
  WorkerStatus,
} from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { EmployerSelect } from '../../../../components/EmployerSelect';
import { useCodeTables } from '../../components/useCodeTables';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { formatDateTime } from '../../../../components/time';
import { parseExactLookup } from './exactLookup';
import { WorkerExportModal } from './WorkerExportModal';

const DEFAULT_QUERY: WorkerListQuery = { page: 1, pageSize: 20, sort: '-createdAt' };

/** The list state survives a visit to a profile (kept in memory only: ID numbers never go into the URL). */
let remembered: { query: WorkerListQuery; exact: string; name: string } = { query: DEFAULT_QUERY, exact: '', name: '' };

/** The list filters without paging (the `filters` of an export). */
function filtersOf(query: WorkerListQuery): WorkerFilters {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}

function sortOrderOf(sort: WorkerSort | undefined, field: 'name' | 'createdAt') {
  const s = sort ?? '-createdAt';
  if (s === field) return 'ascend' as const;
  if (s === `-${field}`) return 'descend' as const;
  return null;
}

export default function WorkersPage() {
  const can = useCan();
  const navigate = useNavigate();
  const codes = useCodeTables();
  const [query, setQueryState] = useState<WorkerListQuery>(remembered.query);
  const [name, setNameState] = useState(remembered.name);
  const [exact, setExactState] = useState(remembered.exact);
  const [exactError, setExactError] = useState<string | null>(null);
  const [exportOpen, setExportOpen] = useState(false);

  const setQuery = (update: (q: WorkerListQuery) => WorkerListQuery) =>
    setQueryState((q) => {
      const next = update(q);
      remembered = { ...remembered, query: next };
      return next;
    });
  const setName = (v: string) => {
    remembered = { ...remembered, name: v };
    setNameState(v);
  };
  const setExact = (v: string) => {
    remembered = { ...remembered, exact: v };
    setExactState(v);
  };

  const workers = useQuery({
    queryKey: rqk.workers(query),
    queryFn: ({ signal }) => getWorkers(query, signal),
    placeholderData: keepPreviousData,
  });

  const filter = (patch: Partial<WorkerListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const runExact = (value: string) => {
    const r = parseExactLookup(value);
    if (r.kind === 'error') {
      setExactError(r.message);
      return;
    }
    setExactError(null);
    filter({
      idNumber: r.kind === 'idNumber' ? r.value : undefined,
      phone: r.kind === 'phone' ? r.value : undefined,
    });
  };

  const reset = () => {
    setName('');
    setExact('');
    setExactError(null);
    setQuery((q) => ({ ...DEFAULT_QUERY, pageSize: q.pageSize }));
  };

  const onTableChange: TableProps<WorkerListItem>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const field = sorter.field === 'name' ? 'name' : 'createdAt';
    let sort: WorkerSort = '-createdAt';
    if (sorter.order === 'ascend') sort = field;
    else if (sorter.order === 'descend') sort = `-${field}`;
    filter({ sort });
  };

  const columns: TableColumnsType<WorkerListItem> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 130,
      fixed: 'left',
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: sortOrderOf(query.sort, 'name'),
      render: (v: string, w) => (
        <Space size={4}>
          <Typography.Link>{v}</Typography.Link>
          {w.status === 'merged' && <Tag color={workerStatusLabels.merged.color}>{workerStatusLabels.merged.text}</Tag>}
        </Space>
      ),
    },
    {
      title: '身份证号',
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
    },
    { title: '性别', dataIndex: 'sex', width: 60, render: (v: WorkerListItem['sex']) => sexLabels[v] ?? '—' },
    { title: '年龄', dataIndex: 'age', width: 60, align: 'right' },
    {
      title: '户籍地',
      dataIndex: 'hukouRegionName',
      width: 180,
      ellipsis: true,
      render: (v: string | null, w) => v ?? w.hukouRegionCode ?? '—',
    },
    {
      title: '现居住地',
      dataIndex: 'residenceRegionName',
      width: 180,
      ellipsis: true,
      render: (v: string | null, w) => v ?? w.residenceRegionCode ?? '—',
    },
    {
      title: '本地/外出',
      dataIndex: 'migrantType',
      width: 90,
      render: (v: MigrantType) =>
        migrantTypeLabels[v] ? <Tag color={migrantTypeLabels[v].color}>{migrantTypeLabels[v].text}</Tag> : '—',
    },
    {
      title: '跨省',
      dataIndex: 'crossProvince',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="volcano">跨省</Tag> : <Typography.Text type="secondary">省内</Typography.Text>,
    },
    {
      title: '当前单位',
      key: 'employer',
      width: 200,
      ellipsis: true,
      render: (_, w) =>
        w.currentEmployment ? (
          w.currentEmployment.employerName
        ) : (
          <Typography.Text type="secondary">暂无在职单位</Typography.Text>
        ),
    },
    {
      title: '登记时间',
      dataIndex: 'createdAt',
      width: 170,
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(query.sort, 'createdAt'),
      render: (v: string) => formatDateTime(v),
    },
  ];

  const hasFilters =
    !!(query.q || query.idNumber || query.phone || query.regionCode || query.employerId || query.industry) ||
    query.migrantType !== undefined ||
    query.crossProvince !== undefined ||
    query.status !== undefined;

  return (
    <PageCard
      title="务工人员"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void workers.refetch()}>
            刷新
          </Button>
          {can('registry:export') && (
            <Button icon={<DownloadOutlined />} onClick={() => setExportOpen(true)}>
              导出 Excel
            </Button>
          )}
          {can('registry:write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="worker-new"
              onClick={() => navigate('/workers/new')}
            >
              登记务工人员
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap align="start" style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按姓名搜索"
          allowClear
          enterButton="搜索"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!e.target.value && query.q) filter({ q: undefined });
          }}
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 240 }}
        />
        <div>
          <Input.Search
            placeholder="精确查找：身份证号或手机号"
            allowClear
            enterButton="查找"
            value={exact}
            status={exactError ? 'error' : undefined}
            autoComplete="off"
            aria-invalid={!!exactError}
            onChange={(e) => {
              setExact(e.target.value);
              setExactError(null);
              if (!e.target.value && (query.idNumber || query.phone)) filter({ idNumber: undefined, phone: undefined });
            }}
            onSearch={runExact}
            style={{ width: 300 }}
          />
          {exactError && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, maxWidth: 300 }}>
              {exactError}
            </Typography.Text>
          )}
        </div>
        {can('regions:read') && (
          <RegionTreeSelect
            placeholder="现居住地（全部区划）"
            value={query.regionCode}
            onChange={(v) => filter({ regionCode: v })}
            style={{ width: 200 }}
          />
        )}
        <Select<MigrantType | undefined>
          allowClear
          placeholder="本地/外出"
          value={query.migrantType}
          onChange={(v) => filter({ migrantType: v })}
          options={migrantTypeOptions}
          style={{ width: 120 }}
        />
        <Select<'true' | 'false' | undefined>
          allowClear
          placeholder="是否跨省"
          value={query.crossProvince === undefined ? undefined : query.crossProvince ? 'true' : 'false'}
          onChange={(v) => filter({ crossProvince: v === undefined ? undefined : v === 'true' })}
          options={[
            { value: 'true', label: '跨省' },
            { value: 'false', label: '省内' },
          ]}
          style={{ width: 120 }}
        />
        <Select<WorkerStatus | undefined>
          allowClear
          placeholder="档案状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          options={[
            { value: 'active', label: workerStatusLabels.active.text },
            { value: 'merged', label: workerStatusLabels.merged.text },
          ]}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="行业"
          value={query.industry}
          onChange={(v?: string) => filter({ industry: v })}
          options={codes.options('industries')}
          loading={codes.loading}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
        />
        <EmployerSelect
          placeholder="用工单位"
          value={query.employerId}
          onChange={(v) => filter({ employerId: v })}
          style={{ width: 220 }}
        />
        {hasFilters && <Button onClick={reset}>重置</Button>}
      </Space>
      <Table<WorkerListItem>
        data-testid="workers-table"
        rowKey="id"
        columns={columns}
        dataSource={workers.data?.items ?? []}
        loading={workers.isFetching}
        scroll={{ x: 1480 }}
        onChange={onTableChange}
        onRow={(w) => ({ onClick: () => void navigate(`/workers/${w.id}`), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: <Empty description={hasFilters ? '没有符合条件的务工人员' : '暂无务工人员，请登记或批量导入'} />,
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: workers.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          // A broad name search counts its matches only up to a cap: say so instead of a wrong total.
          showTotal: (t) =>
            (workers.data as { totalCapped?: boolean } | undefined)?.totalCapped
              ? `超过 ${t} 人（请缩小查询条件）`
              : `共 ${t} 人`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <WorkerExportModal
        open={exportOpen}
        filters={filtersOf(query)}
        total={
          (workers.data as { totalCapped?: boolean } | undefined)?.totalCapped ? null : (workers.data?.total ?? null)
        }
        onClose={() => setExportOpen(false)}
      />
    </PageCard>
  );
}

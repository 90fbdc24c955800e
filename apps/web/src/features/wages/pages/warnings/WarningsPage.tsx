import { ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Empty, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { getWarningRules, getWarnings, scanWarnings, warningLevelOptions, warningStatusOptions, wqk } from '../../api';
import type { ScanReport, WarningDto, WarningLevel, WarningListQuery, WarningStatus } from '../../api';
import { useCan } from '../../../../auth/MeProvider';
import { showApiError } from '../../../../components/feedback';
import { PageCard } from '../../../../components/PageCard';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { useDepartmentsByCode } from './useDepartmentsByCode';
import { PAGE_SIZES, pagingFromParams, paramsFromQuery } from '../../../../components/listParams';
import { DueDate, monthText } from '../../../../components/display';
import { LevelTag, WarningStatusTag } from '../../components/tags';
import { MoneyCell } from '../../../../components/money';

const LEVELS = new Set(['yellow', 'orange', 'red']);
/** 'live' (every status but closed/cleared) is a server-side shortcut of the status filter. */
const STATUSES = new Set(['live', 'open', 'assigned', 'in_progress', 'closed', 'cleared']);
const STATUS_OPTIONS = [{ value: 'live' as WarningStatus, label: '未办结（全部）' }, ...warningStatusOptions];

/** The list query from the URL (so that the dashboard and bookmarks can link to a filtered list). */
function queryFromParams(params: URLSearchParams): WarningListQuery {
  const level = params.get('level');
  const status = params.get('status');
  return {
    regionCode: params.get('regionCode') || undefined,
    level: level && LEVELS.has(level) ? (level as WarningLevel) : undefined,
    status: status && STATUSES.has(status) ? (status as WarningStatus) : undefined,
    rule: params.get('rule') || undefined,
    projectId: params.get('projectId') || undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    ...pagingFromParams(params),
  };
}

function scanSummary(r: ScanReport | undefined): string {
  if (!r) return '扫描已完成';
  const parts: string[] = [];
  if (typeof r.projects === 'number') parts.push(`检查项目 ${r.projects} 个`);
  if (typeof r.created === 'number') parts.push(`新增预警 ${r.created} 条`);
  if (typeof r.updated === 'number') parts.push(`更新 ${r.updated} 条`);
  if (typeof r.cleared === 'number') parts.push(`自动消除 ${r.cleared} 条`);
  return parts.length ? `扫描已完成：${parts.join('，')}` : '扫描已完成';
}

/** /warnings — 欠薪预警 list. */
export default function WarningsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const departments = useDepartmentsByCode();

  const setQuery = (next: WarningListQuery) => setParams(paramsFromQuery(next), { replace: true });
  const filter = (patch: Partial<WarningListQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const rules = useQuery({
    queryKey: wqk.warningRules,
    queryFn: ({ signal }) => getWarningRules(signal),
    staleTime: 10 * 60_000,
  });
  const warnings = useQuery({
    queryKey: wqk.warnings(query),
    queryFn: ({ signal }) => getWarnings(query, signal),
    placeholderData: keepPreviousData,
  });

  const scan = useMutation({
    mutationFn: scanWarnings,
    onSuccess: (r) => {
      message.success(scanSummary(r));
      void qc.invalidateQueries({ queryKey: wqk.warningsAll });
      void qc.invalidateQueries({ queryKey: ['wages', 'dashboard'] });
    },
    onError: (err) => showApiError(err),
  });

  const confirmScan = () =>
    modal.confirm({
      title: '立即扫描本辖区项目',
      content:
        '将按当前预警规则对您管辖范围内的全部项目重新检查（不涉及其他辖区），新发现的问题将生成预警，已消除的问题将自动销号。本次扫描将记入审计日志。项目较多时可能需要一些时间，确认开始？',
      okText: '开始扫描',
      cancelText: '取消',
      onOk: () => scan.mutateAsync().catch(() => undefined),
    });

  const ruleOptions = (rules.data ?? []).map((r) => ({ value: r.id, label: r.name }));

  const columns: TableColumnsType<WarningDto> = [
    {
      title: '编号',
      dataIndex: 'seq',
      width: 80,
      fixed: 'left',
      render: (v: number) => <Typography.Link>#{v}</Typography.Link>,
    },
    { title: '等级', dataIndex: 'level', width: 80, render: (v: WarningLevel) => <LevelTag level={v} /> },
    {
      title: '项目',
      key: 'project',
      width: 220,
      ellipsis: true,
      render: (_, w) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{w.projectName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {w.projectCode}
            {w.regionName ? ` · ${w.regionName}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: '所属月份', dataIndex: 'month', width: 110, render: (v: string | null) => monthText(v) },
    { title: '预警规则', dataIndex: 'ruleName', width: 170, ellipsis: true },
    {
      title: '情况摘要',
      dataIndex: 'summary',
      width: 260,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '涉及人数', dataIndex: 'workersAffected', width: 90, align: 'right' },
    {
      title: '涉及金额（元）',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (v: number) => <MoneyCell fen={v} />,
    },
    {
      title: '承办',
      key: 'assignee',
      width: 160,
      ellipsis: true,
      render: (_, w) => {
        const dept = w.departmentName ?? departments.nameOf(w.departmentCode);
        if (!w.assigneeName && !dept) return <Typography.Text type="secondary">未分派</Typography.Text>;
        return [dept, w.assigneeName].filter(Boolean).join(' / ');
      },
    },
    {
      title: '办理期限',
      dataIndex: 'dueOn',
      width: 170,
      render: (v: string | null, w) => <DueDate dueOn={v} overdue={w.overdue} />,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (v: WarningStatus, w) => (
        <Space size={2}>
          <WarningStatusTag status={v} />
          {w.escalation > 0 && (
            <Tooltip title={`已升级督办 ${w.escalation} 次`}>
              <Typography.Text type="danger">↑{w.escalation}</Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const hasFilters = !!(
    query.regionCode ||
    query.level ||
    query.status ||
    query.rule ||
    query.projectId ||
    query.overdue
  );

  return (
    <PageCard
      title="欠薪预警"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void warnings.refetch()}>
            刷新
          </Button>
          {can('warnings:admin') && (
            <Button icon={<ScanOutlined />} loading={scan.isPending} onClick={confirmScan} data-testid="warnings-scan">
              立即扫描
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap align="start" style={{ marginBottom: 16 }} data-testid="warnings-filters">
        <RegionTreeSelect
          placeholder="所属区划（全部）"
          value={query.regionCode}
          onChange={(v) => filter({ regionCode: v })}
          style={{ width: 200 }}
        />
        <Select<WarningLevel | undefined>
          allowClear
          placeholder="预警等级"
          value={query.level}
          onChange={(v) => filter({ level: v })}
          options={warningLevelOptions}
          style={{ width: 120 }}
          data-testid="warnings-filter-level"
        />
        <Select<WarningListQuery['status']>
          allowClear
          placeholder="处置状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          options={STATUS_OPTIONS}
          style={{ width: 150 }}
          data-testid="warnings-filter-status"
        />
        <Select<string | undefined>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="预警规则"
          value={query.rule}
          onChange={(v) => filter({ rule: v })}
          options={ruleOptions}
          loading={rules.isPending}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
          notFoundContent="暂无规则"
          data-testid="warnings-filter-rule"
        />
        <Checkbox
          checked={!!query.overdue}
          onChange={(e) => filter({ overdue: e.target.checked ? true : undefined })}
          style={{ lineHeight: '32px' }}
          data-testid="warnings-filter-overdue"
        >
          仅看逾期未办结
        </Checkbox>
        {query.projectId && (
          <Button size="middle" onClick={() => filter({ projectId: undefined })}>
            清除项目筛选
          </Button>
        )}
        {hasFilters && <Button onClick={() => setQuery({ page: 1, pageSize: query.pageSize })}>重置</Button>}
      </Space>
      <Table<WarningDto>
        data-testid="warnings-table"
        rowKey="id"
        columns={columns}
        dataSource={warnings.data?.items ?? []}
        loading={warnings.isFetching}
        scroll={{ x: 1600 }}
        onRow={(w) => ({
          onClick: () => void navigate(`/warnings/${w.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `warning-row-${w.seq}`,
        })}
        locale={{
          emptyText: (
            <Empty
              description={
                warnings.isError
                  ? '预警列表加载失败，请稍后刷新重试'
                  : hasFilters
                    ? '没有符合条件的预警'
                    : '暂无预警：辖区内项目工资支付情况正常'
              }
            />
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: warnings.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setQuery({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize }),
        }}
      />
    </PageCard>
  );
}

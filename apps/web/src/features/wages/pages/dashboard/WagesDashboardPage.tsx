import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { regionPath } from '@mwsp/domain';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { regionLevelShort } from '../../../../api/labels';
import { getWagesDashboard, projectLevelLabels, projectStatusLabels, wqk } from '../../api';
import type { DashboardRegionRow, ProjectLevel, ProjectListItem, ProjectStatus, WagesDashboard } from '../../api';
import { useMe } from '../../../../auth/MeProvider';
import { errorText } from '../../../../components/feedback';
import { useRegionNames } from '../../../../components/regions/useRegionNames';
import { useSystemInfo } from '../../../../components/useSystemInfo';
import { DepositChart, LEVEL_COLORS, LevelByRegionChart, TrendChart } from './DashboardCharts';
import { LabelTag } from '../../../../components/display';
import { formatFen } from '../../../../components/money';

const ROW_BG: Partial<Record<ProjectLevel, string>> = { red: '#fff1f0', orange: '#fff7e6', yellow: '#fffbe6' };

function safePath(code: string): string[] {
  try {
    return regionPath(code);
  } catch {
    return [code];
  }
}

function Kpis({ d, regionCode }: { d: WagesDashboard; regionCode: string }) {
  const t = d.totals;
  const dep = d.deposit;
  const covered = dep.held + dep.exempt;
  const coverage = dep.projects > 0 ? Math.round((covered / dep.projects) * 1000) / 10 : null;
  const warningsLink = (extra: string) => `/warnings?regionCode=${encodeURIComponent(regionCode)}&status=live${extra}`;
  const card = (testId: string, children: ReactNode) => (
    <Col xs={12} md={8} xl={4}>
      <Card variant="borderless" size="small" style={{ height: '100%' }} data-testid={testId}>
        {children}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {card('kpi-projects', <Statistic title="在监测项目" value={t.projects} suffix="个" />)}
      {card(
        'kpi-levels',
        <div>
          <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 8 }}>预警项目（红 / 橙 / 黄）</div>
          <Space size={4} wrap>
            <Tag color="red" style={{ fontSize: 16, padding: '2px 8px' }} data-testid="kpi-red">
              {t.byLevel.red}
            </Tag>
            <Tag color="orange" style={{ fontSize: 16, padding: '2px 8px' }} data-testid="kpi-orange">
              {t.byLevel.orange}
            </Tag>
            <Tag color="gold" style={{ fontSize: 16, padding: '2px 8px' }} data-testid="kpi-yellow">
              {t.byLevel.yellow}
            </Tag>
          </Space>
        </div>,
      )}
      {card(
        'kpi-arrears',
        <Statistic
          title="欠薪金额"
          value={formatFen(t.arrearsFen)}
          suffix="元"
          valueStyle={{ color: t.arrearsFen > 0 ? '#cf1322' : undefined, fontSize: 22 }}
        />,
      )}
      {card('kpi-arrears-workers', <Statistic title="欠薪人数" value={t.arrearsWorkers} suffix="人" />)}
      {card(
        'kpi-warnings',
        <div>
          <Statistic title="未办结预警" value={t.openWarnings} suffix="条" />
          <Space size={8} style={{ marginTop: 4 }}>
            <Link to={warningsLink('')}>查看</Link>
            <Link to={warningsLink('&overdue=true')}>
              <Typography.Text type={t.overdueWarnings > 0 ? 'danger' : 'secondary'}>
                逾期 {t.overdueWarnings} 条
              </Typography.Text>
            </Link>
          </Space>
        </div>,
      )}
      {card(
        'kpi-deposit',
        <div>
          <Statistic
            title="保证金覆盖率"
            value={coverage ?? '—'}
            suffix={coverage === null ? undefined : '%'}
            valueStyle={{ color: dep.missing > 0 ? '#d46b08' : '#389e0d' }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {covered}/{dep.projects} 个项目（未存储 {dep.missing}）
          </Typography.Text>
        </div>,
      )}
    </Row>
  );
}

function ChildrenTable({
  rows,
  onDrill,
  childLevel,
  regionCode,
}: {
  rows: DashboardRegionRow[];
  onDrill: (r: DashboardRegionRow) => void;
  childLevel: string;
  /** The region shown: projects registered at its own level come back as a row with its own code (本级). */
  regionCode: string;
}) {
  const columns: TableColumnsType<DashboardRegionRow> = [
    {
      title: childLevel,
      dataIndex: 'name',
      fixed: 'left',
      width: 160,
      render: (v: string, r) =>
        r.code === regionCode ? (
          <span data-testid={`own-level-${r.code}`}>{v}（本级）</span>
        ) : (
          <Typography.Link onClick={() => onDrill(r)} data-testid={`drill-${r.code}`}>
            {v}
          </Typography.Link>
        ),
    },
    { title: '项目数', dataIndex: 'projects', width: 80, align: 'right' },
    ...(['red', 'orange', 'yellow', 'green'] as const).map((k) => ({
      title: projectLevelLabels[k].text.replace('预警', ''),
      key: k,
      width: 70,
      align: 'right' as const,
      render: (_: unknown, r: DashboardRegionRow) => {
        const n = r.byLevel?.[k] ?? 0;
        return n > 0 && k !== 'green' ? (
          <span style={{ color: LEVEL_COLORS[k] === '#fadb14' ? '#d4b106' : LEVEL_COLORS[k], fontWeight: 600 }}>
            {n}
          </span>
        ) : (
          n
        );
      },
    })),
    {
      title: '欠薪金额（元）',
      dataIndex: 'arrearsFen',
      width: 140,
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    { title: '欠薪人数', dataIndex: 'arrearsWorkers', width: 90, align: 'right' },
    { title: '未办结预警', dataIndex: 'openWarnings', width: 100, align: 'right' },
    {
      title: '逾期预警',
      dataIndex: 'overdueWarnings',
      width: 90,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
  ];
  return (
    <Table<DashboardRegionRow>
      data-testid="dashboard-children"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 960 }}
      locale={{ emptyText: <Empty description="无下级区划" /> }}
    />
  );
}

function ProjectsTable({ projects }: { projects: ProjectListItem[] }) {
  const order: Record<ProjectLevel, number> = { red: 0, orange: 1, yellow: 2, green: 3 };
  const sorted = [...projects].sort(
    (a, b) => (order[a.warningLevel] ?? 9) - (order[b.warningLevel] ?? 9) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const columns: TableColumnsType<ProjectListItem> = [
    {
      title: '项目名称',
      dataIndex: 'name',
      width: 240,
      render: (v: string, p) => (
        <div>
          <Link to={`/projects/${p.id}`} data-testid={`dashboard-project-${p.code}`}>
            {v}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '预警等级',
      dataIndex: 'warningLevel',
      width: 100,
      render: (v: ProjectLevel) => <LabelTag value={v} labels={projectLevelLabels} />,
    },
    {
      title: '未办结预警',
      dataIndex: 'openWarnings',
      width: 100,
      align: 'right',
      render: (v: number, p) =>
        v > 0 ? <Link to={`/warnings?projectId=${encodeURIComponent(p.id)}&status=live`}>{v}</Link> : 0,
    },
    {
      title: '所属区划',
      dataIndex: 'regionName',
      width: 140,
      ellipsis: true,
      render: (v: string | null, p) => v ?? p.regionCode,
    },
    { title: '施工总承包单位', dataIndex: 'contractorName', width: 200, ellipsis: true },
    { title: '在场人数', dataIndex: 'workersOnSite', width: 90, align: 'right' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: ProjectStatus) => <LabelTag value={v} labels={projectStatusLabels} />,
    },
  ];
  return (
    <Table<ProjectListItem>
      data-testid="dashboard-projects"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={sorted}
      pagination={sorted.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 个项目` } : false}
      scroll={{ x: 980 }}
      onRow={(p) => ({ style: ROW_BG[p.warningLevel] ? { background: ROW_BG[p.warningLevel] } : undefined })}
      locale={{ emptyText: <Empty description="本区域暂无工程项目" /> }}
    />
  );
}

/** /wages-dashboard — 欠薪监测驾驶舱 with drill-down city → county → township → projects. */
export default function WagesDashboardPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || undefined;
  const { user } = useMe();
  const { data: info } = useSystemInfo();

  const dash = useQuery({
    queryKey: wqk.dashboard(region),
    queryFn: ({ signal }) => getWagesDashboard(region, signal),
    placeholderData: keepPreviousData,
  });
  const d = dash.data;

  // Names learnt from every answer (the region itself and its children) for the breadcrumb.
  // (Idempotent bookkeeping done while rendering, so that the first render with the data has the names.)
  const names = useRef(new Map<string, string>());
  const defaultRoot = useRef<string | null>(null);
  if (d) {
    // The region's own name is its full name (云南省昆明市); the children's short names read better in the breadcrumb.
    if (!names.current.has(d.region.code)) names.current.set(d.region.code, d.region.name);
    for (const c of d.children) names.current.set(c.code, c.name);
    if (!region && !dash.isPlaceholderData) defaultRoot.current = d.region.code;
  }

  // The way up ends at the caller's own region (the city for a city leader), which is also where the
  // dashboard opens. Everything on the page — title, breadcrumb, figures — names the region of the
  // answer shown (while another region loads, the previous answer stays, dimmed, under its own name).
  const rootCode = user?.regionCode || defaultRoot.current || info?.city.code || d?.region.code || '';
  const currentCode = d ? d.region.code : (region ?? rootCode);
  const crumbs = currentCode
    ? rootCode && currentCode.startsWith(rootCode)
      ? safePath(currentCode).filter((c) => c.length >= rootCode.length)
      : [rootCode, currentCode].filter(Boolean)
    : [];
  const lookup = useRegionNames(crumbs.filter((c) => !names.current.has(c)));
  const nameOf = (code: string) => names.current.get(code) ?? lookup[code]?.name ?? code;

  const goTo = (code: string | undefined) => {
    if (!code || code === rootCode || code === defaultRoot.current) setParams({});
    else setParams({ region: code });
  };
  const drill = (row: DashboardRegionRow) => goTo(row.code);

  if (dash.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!d) {
    return (
      <Card variant="borderless">
        <Result
          status="error"
          title="无法加载监测数据"
          subTitle={errorText(dash.error)}
          extra={
            <Space>
              {region && <Button onClick={() => goTo(undefined)}>返回本辖区</Button>}
              <Button type="primary" onClick={() => void dash.refetch()}>
                重试
              </Button>
            </Space>
          }
        />
      </Card>
    );
  }

  const childLevel = d.children[0]
    ? (regionLevelShort[d.children[0].level] ?? '下级区划')
    : (regionLevelShort[d.region.level + 1] ?? '下级区划');
  const showProjects = d.region.level >= 4 || (d.projects?.length ?? 0) > 0;

  return (
    <Flex vertical gap={16} data-testid="wages-dashboard">
      <Card variant="borderless" size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space direction="vertical" size={2}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-title">
              欠薪监测驾驶舱 · {d.region.name}
            </Typography.Title>
            <Breadcrumb
              data-testid="dashboard-breadcrumb"
              items={crumbs.map((code, i) => ({
                key: code,
                title:
                  i === crumbs.length - 1 ? (
                    <span>{nameOf(code)}</span>
                  ) : (
                    <Typography.Link onClick={() => goTo(code)} data-testid={`crumb-${code}`}>
                      {nameOf(code)}
                    </Typography.Link>
                  ),
              }))}
            />
          </Space>
          <Space>
            {crumbs.length > 1 && (
              <Button onClick={() => goTo(crumbs[crumbs.length - 2])} data-testid="dashboard-up">
                返回上级
              </Button>
            )}
            {crumbs.length > 2 && <Button onClick={() => goTo(rootCode)}>返回本辖区</Button>}
            <Button icon={<ReloadOutlined />} loading={dash.isFetching} onClick={() => void dash.refetch()}>
              刷新
            </Button>
          </Space>
        </Flex>
        {dash.isError && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} message={`刷新失败：${errorText(dash.error)}`} />
        )}
      </Card>

      <Spin spinning={dash.isPlaceholderData} tip={`正在加载${region ? nameOf(region) : '本辖区'}的数据…`}>
        <Flex vertical gap={16}>
          <Kpis d={d} regionCode={d.region.code} />

          <Row gutter={[16, 16]}>
            {d.children.length > 0 && (
              <Col xs={24} xl={16}>
                <Card title={`各${childLevel}项目预警分布（点击柱形进入下级）`} variant="borderless">
                  <LevelByRegionChart rows={d.children} onDrill={drill} />
                </Card>
              </Col>
            )}
            <Col xs={24} xl={d.children.length > 0 ? 8 : 12}>
              <Card title="工资保证金存储情况" variant="borderless">
                <DepositChart deposit={d.deposit} />
              </Card>
            </Col>
            <Col xs={24} xl={d.children.length > 0 ? 24 : 12}>
              <Card title="预警趋势（按月）" variant="borderless">
                <TrendChart trend={d.trend} />
              </Card>
            </Col>
          </Row>

          {d.children.length > 0 && (
            <Card title={`各${childLevel}情况`} variant="borderless">
              <ChildrenTable rows={d.children} onDrill={drill} childLevel={childLevel} regionCode={d.region.code} />
            </Card>
          )}

          {showProjects && (
            <Card
              title={`${d.region.name}工程项目（${d.projects?.length ?? 0} 个）`}
              variant="borderless"
              extra={
                <Button
                  onClick={() => navigate(`/warnings?regionCode=${encodeURIComponent(d.region.code)}&status=live`)}
                >
                  查看本区域预警
                </Button>
              }
            >
              <ProjectsTable projects={d.projects ?? []} />
            </Card>
          )}
        </Flex>
      </Spin>
    </Flex>
  );
}

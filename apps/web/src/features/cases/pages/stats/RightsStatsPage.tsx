import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Select, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageCard } from '../../../../components/PageCard';
import { dateStamp, saveFile } from '../../../../components/download';
import { errorText } from '../../../../components/feedback';
import { formatFen } from '../../../../components/money';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { downloadRightsStats, getRightsStats, statsKeys, type RightsStats, type RightsStatsQuery } from '../../api';
import { PieOf, RegionChart, TimelinessChart } from './StatsCharts';

type Overdue = RightsStats['overdue'][number];
type Timeliness = RightsStats['timeliness'][number];

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function queryFromParams(params: URLSearchParams): RightsStatsQuery {
  const year = Number(params.get('year'));
  const regionCode = params.get('regionCode');
  return {
    ...(Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {}),
    ...(regionCode ? { regionCode } : {}),
  };
}

/** 年度劳动保障监察情况: the annual report's fields. */
function AnnualReport({ s }: { s: RightsStats }) {
  const a = s.annual;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="stats-annual"
      items={[
        { key: 'received', label: '受理投诉举报', children: `${a.complaintsReceived} 件` },
        { key: 'accepted', label: '受理立案调查', children: `${a.complaintsAccepted} 件` },
        { key: 'filed', label: '立案查处监察案件', children: `${a.casesFiled} 件` },
        { key: 'closed', label: '结案', children: `${a.casesClosed} 件` },
        { key: 'workers', label: '涉及劳动者', children: `${a.workersInvolved} 人` },
        { key: 'helped', label: '为劳动者追回工资', children: `${a.workersHelped} 人` },
        { key: 'recovered', label: '追回工资等待遇', children: `${formatFen(a.recoveredFen)} 元` },
        { key: 'employers', label: '责令改正（支付）用人单位', children: `${a.employersOrdered} 户` },
        { key: 'ordered', label: '责令支付金额', children: `${formatFen(a.orderedFen)} 元` },
        { key: 'police', label: '移送公安机关', children: `${a.policeTransfers} 件` },
      ]}
    />
  );
}

const overdueColumns: TableColumnsType<Overdue> = [
  { title: '事项', dataIndex: 'title', render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link> },
  { title: '类型', dataIndex: 'typeName', width: 110 },
  { title: '状态', dataIndex: 'stateName', width: 110 },
  { title: '区划', dataIndex: 'regionName', width: 160, render: (v: string | null, r) => v ?? r.regionCode },
  { title: '时限', dataIndex: 'clockName', width: 130 },
  { title: '应办结日', dataIndex: 'dueOn', width: 110 },
  {
    title: '超期',
    dataIndex: 'daysOverdue',
    width: 90,
    render: (v: number) => <Tag color="red">{v} 天</Tag>,
  },
  {
    title: '督办',
    dataIndex: 'escalated',
    width: 80,
    render: (v: boolean) => (v ? <Tag color="volcano">已督办</Tag> : '—'),
  },
];

const timelinessColumns: TableColumnsType<Timeliness> = [
  { title: '案件类型', dataIndex: 'typeName' },
  { title: '时限', dataIndex: 'clockName' },
  { title: '按期办结', dataIndex: 'met', width: 100 },
  { title: '逾期办结', dataIndex: 'late', width: 100 },
  { title: '超期在办', dataIndex: 'overdue', width: 100 },
  { title: '期限内在办', dataIndex: 'running', width: 110 },
  { title: '按期率', dataIndex: 'onTimeRate', width: 100, render: (v: number | null) => rate(v) },
];

/** /rights-stats — 维权统计: the year's figures of the caller's area, charts, the overdue list, Excel export. */
export default function RightsStatsPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [exporting, setExporting] = useState(false);
  const stats = useQuery({
    queryKey: statsKeys.stats(query),
    queryFn: ({ signal }) => getRightsStats(query, signal),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const set = (k: 'year' | 'regionCode', v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await downloadRightsStats(query);
      const name = saveFile(file, `维权统计_${dateStamp()}.xlsx`);
      void message.success(`已导出 ${name}`); // a toast: nothing to wait for
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageCard
      title={s ? `维权统计 · ${s.region.name} ${s.year} 年` : '维权统计'}
      extra={
        <Space wrap>
          <Select
            aria-label="统计年度"
            style={{ width: 110 }}
            value={query.year ?? s?.year ?? thisYear}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            onChange={(v: number) => set('year', v)}
          />
          <RegionTreeSelect
            placeholder="本辖区"
            allowClear
            style={{ width: 220 }}
            value={query.regionCode ?? null}
            onChange={(v) => set('regionCode', v)}
          />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      {stats.error ? <Alert type="error" showIcon message={errorText(stats.error)} /> : null}
      {!s ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            {[
              ['stats-filed', '登记案件', s.totals.filed, '件'],
              ['stats-closed', '办结案件', s.totals.closed, '件'],
              ['stats-workers', '涉及劳动者', s.totals.workers, '人'],
              ['stats-overdue-count', '超期在办', s.totals.overdue, '件'],
              ['stats-escalated', '升级督办', s.totals.escalated, '件'],
            ].map(([id, title, value, suffix]) => (
              <Col xs={12} md={8} xl={4} key={id}>
                <Card size="small" data-testid={id}>
                  <Statistic title={title} value={value} suffix={suffix} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card size="small" data-testid="stats-recovered">
                <Statistic title="追回金额（元）" value={formatFen(s.amounts.recoveredFen)} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="年度劳动保障监察情况">
            <AnnualReport s={s} />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title="各区划案件">
                <RegionChart rows={s.byRegion} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="按期办结（各办理阶段）">
                <TimelinessChart rows={s.timeliness} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title="来源渠道">
                <PieOf
                  testId="stats-channel-chart"
                  emptyText="本年度无投诉"
                  rows={s.byChannel.map((r) => ({ name: r.name, value: r.complaints }))}
                />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title="诉求类别">
                <PieOf
                  testId="stats-claim-chart"
                  emptyText="本年度无诉求"
                  rows={s.byClaim.map((r) => ({ name: r.name, value: r.claims }))}
                />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title="办理结果">
                <PieOf
                  testId="stats-outcome-chart"
                  emptyText="本年度无案件"
                  rows={s.byOutcome.map((r) => ({ name: `${r.typeName}·${r.name}`, value: r.cases }))}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="按期办结率">
            <Table
              rowKey={(r) => `${r.type}.${r.code}`}
              size="small"
              pagination={false}
              columns={timelinessColumns}
              dataSource={s.timeliness}
            />
          </Card>
          <Card size="small" title={`超期清单（${s.overdue.length} 件，截至 ${s.today}）`}>
            <Table
              rowKey={(r) => `${r.caseId}.${r.clock}`}
              size="small"
              columns={overdueColumns}
              dataSource={s.overdue}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '无超期案件' }}
              data-testid="stats-overdue"
            />
          </Card>
        </Space>
      )}
    </PageCard>
  );
}

import { useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { WorkerWageRow } from '../api';
import { getWorkerWages, wqk } from '../api';
import { useCan } from '../../../auth/MeProvider';
import { EChart } from '../../../components/charts/EChart';
import { errorText } from '../../../components/feedback';
import { formatFen, Yuan } from '../../../components/money';

/** Paid vs net for one month: 已足额 / 未足额 / 无工资. */
function PaidTag({ row }: { row: WorkerWageRow }) {
  if (row.netFen <= 0) return <Tag>无应付</Tag>;
  if (row.paidFen >= row.netFen) return <Tag color="success">已足额发放</Tag>;
  if (row.paidFen > 0) return <Tag color="warning">部分发放</Tag>;
  return <Tag color="error">未发放</Tag>;
}

/**
 * 工资发放 tab of the worker profile (一人一档): GET /api/workers/:id/wages, month by month on every
 * project, with a bar chart of net (实发应付) against paid (银行代发成功).
 */
export function WorkerWagesTab({ workerId }: { workerId: string }) {
  const can = useCan();
  const allowed = can('wages:read');
  const wages = useQuery({
    queryKey: wqk.workerWages(workerId),
    queryFn: ({ signal }) => getWorkerWages(workerId, signal),
    enabled: allowed && !!workerId,
  });

  const rows = useMemo(
    () =>
      [...(wages.data ?? [])].sort((a, b) =>
        a.month === b.month ? a.projectName.localeCompare(b.projectName, 'zh') : b.month.localeCompare(a.month),
      ),
    [wages.data],
  );

  /** Per month (all projects together), oldest first, for the chart. */
  const byMonth = useMemo(() => {
    const map = new Map<string, { net: number; paid: number }>();
    for (const r of rows) {
      const m = map.get(r.month) ?? { net: 0, paid: 0 };
      m.net += r.netFen;
      m.paid += r.paidFen;
      map.set(r.month, m);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-24);
  }, [rows]);

  const totals = useMemo(
    () =>
      rows.reduce((t, r) => ({ net: t.net + r.netFen, paid: t.paid + r.paidFen, days: t.days + (r.days ?? 0) }), {
        net: 0,
        paid: 0,
        days: 0,
      }),
    [rows],
  );
  const owed = rows.reduce((s, r) => s + Math.max(0, r.netFen - r.paidFen), 0);

  if (!allowed) return <Alert type="info" showIcon message="您没有查看工资信息的权限（wages:read）" />;
  if (wages.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (wages.isError)
    return <Alert type="error" showIcon message="无法加载工资记录" description={errorText(wages.error)} />;
  if (rows.length === 0)
    return <Empty description="暂无工资发放记录（该人员未在登记的工程项目中出现在工资台账或代发记录中）" />;

  const option = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => `${formatFen(Math.round(v * 100))} 元`,
    },
    legend: { data: ['实发应付（台账）', '银行代发成功'] },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: byMonth.map(([m]) => monthLabel(m)) },
    yAxis: { type: 'value', name: '元' },
    series: [
      {
        name: '实发应付（台账）',
        type: 'bar',
        data: byMonth.map(([, v]) => v.net / 100),
        itemStyle: { color: '#1d5fc4' },
        barMaxWidth: 36,
      },
      {
        name: '银行代发成功',
        type: 'bar',
        data: byMonth.map(([, v]) => v.paid / 100),
        itemStyle: { color: '#52c41a' },
        barMaxWidth: 36,
      },
    ],
  };

  const columns: TableColumnsType<WorkerWageRow> = [
    { title: '工资月份', dataIndex: 'month', width: 110, render: (v: string) => monthLabel(v) },
    {
      title: '工程项目',
      dataIndex: 'projectName',
      ellipsis: true,
      render: (v: string, r) => (can('wages:read') ? <Link to={`/projects/${r.projectId}`}>{v}</Link> : v),
    },
    { title: '出勤天数', dataIndex: 'days', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
    {
      title: '应发（元）',
      dataIndex: 'payableFen',
      width: 130,
      align: 'right',
      render: (v: number) => <Yuan fen={v} />,
    },
    {
      title: '实发应付（元）',
      dataIndex: 'netFen',
      width: 140,
      align: 'right',
      render: (v: number) => <Yuan fen={v} />,
    },
    {
      title: '已代发（元）',
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (v: number, r) => <Yuan fen={v} type={v < r.netFen ? 'danger' : undefined} />,
    },
    { title: '发放状态', key: 'state', width: 110, render: (_, r) => <PaidTag row={r} /> },
    { title: '发放日期', dataIndex: 'payDate', width: 120, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div data-testid="worker-wages">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title="记录月数" value={byMonth.length} suffix="个月" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="累计实发应付（元）" value={formatFen(totals.net)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="累计已代发（元）" value={formatFen(totals.paid)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="未足额发放（元）"
            value={formatFen(owed)}
            valueStyle={owed > 0 ? { color: '#cf1322' } : undefined}
          />
        </Col>
      </Row>
      <Card size="small" title="每月工资发放（近 24 个月）" style={{ marginBottom: 16 }}>
        <EChart option={option} style={{ height: 260 }} />
      </Card>
      <Table<WorkerWageRow>
        data-testid="worker-wages-table"
        rowKey={(r) => `${r.projectId}:${r.month}`}
        size="middle"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: <Empty description="暂无工资发放记录" /> }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        实发应付取自项目工资支付台账（含更正分录），已代发取自银行代发成功记录。按规定，当月工资应于次月底前足额发放。
      </Typography.Paragraph>
    </div>
  );
}

import { PROJECT_LEVEL_NAMES, WARNING_LEVEL_NAMES } from '@mwsp/domain';
import { Empty } from 'antd';
import type { DashboardRegionRow, WagesDashboard } from '../../api';
import { ClickableChart } from './ClickableChart';
import { monthText } from '../../../../components/display';
import { formatYuanText } from '../../../../components/money';

export const LEVEL_COLORS = { red: '#f5222d', orange: '#fa8c16', yellow: '#fadb14', green: '#52c41a' } as const;

/** Legend names from the domain: the warning levels (红色 …) and 正常 for green. */
const LEVEL_NAMES = { ...WARNING_LEVEL_NAMES, green: PROJECT_LEVEL_NAMES.green };
const LEVEL_SERIES: { key: keyof typeof LEVEL_COLORS; name: string }[] = (
  ['red', 'orange', 'yellow', 'green'] as const
).map((key) => ({ key, name: LEVEL_NAMES[key] }));

/** Projects by level per child region, stacked; a click on a bar drills into that region. */
export function LevelByRegionChart({
  rows,
  onDrill,
}: {
  rows: DashboardRegionRow[];
  onDrill: (row: DashboardRegionRow) => void;
}) {
  if (rows.length === 0) return <Empty description="无下级区划数据" style={{ padding: 48 }} />;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: LEVEL_SERIES.map((s) => s.name) },
    grid: { left: 48, right: 16, top: 40, bottom: rows.length > 6 ? 88 : 56 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      triggerEvent: true,
    },
    yAxis: { type: 'value', minInterval: 1, name: '项目数' },
    series: LEVEL_SERIES.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'level',
      barMaxWidth: 48,
      itemStyle: { color: LEVEL_COLORS[s.key] },
      emphasis: { focus: 'series' },
      data: rows.map((r) => r.byLevel?.[s.key] ?? 0),
      cursor: 'pointer',
    })),
  };
  return (
    <ClickableChart
      option={option}
      testId="dashboard-level-chart"
      onClick={(e) => {
        const idx =
          e.componentType === 'xAxis'
            ? rows.findIndex((r) => r.name === (e as unknown as { value: string }).value)
            : e.dataIndex;
        const row = rows[idx];
        if (row) onDrill(row);
      }}
    />
  );
}

/** Warnings opened, closed and cleared per month. */
export function TrendChart({ trend }: { trend: WagesDashboard['trend'] }) {
  if (trend.length === 0) return <Empty description="暂无预警记录" style={{ padding: 48 }} />;
  const sorted = [...trend].sort((a, b) => a.month.localeCompare(b.month));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: ['新增预警', '办结', '自动消除'] },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    xAxis: { type: 'category', data: sorted.map((t) => monthText(t.month)) },
    yAxis: { type: 'value', minInterval: 1, name: '条' },
    series: [
      {
        name: '新增预警',
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#f5222d' },
        data: sorted.map((t) => t.opened),
      },
      {
        name: '办结',
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#1d5fc4' },
        data: sorted.map((t) => t.closed),
      },
      {
        name: '自动消除',
        type: 'line',
        smooth: true,
        itemStyle: { color: '#52c41a' },
        data: sorted.map((t) => t.cleared),
      },
    ],
  };
  return <ClickableChart option={option} testId="dashboard-trend-chart" />;
}

/** Wage deposits: held, exempt, missing. */
export function DepositChart({ deposit }: { deposit: WagesDashboard['deposit'] }) {
  const total = deposit.held + deposit.exempt + deposit.missing;
  if (total === 0) return <Empty description="暂无项目保证金数据" style={{ padding: 48 }} />;
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个项目（{d}%）' },
    legend: { bottom: 0 },
    title: {
      text: `应存 ${formatYuanText(deposit.requiredFen)}`,
      subtext: `余额 ${formatYuanText(deposit.balanceFen)}`,
      left: 'center',
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'normal' },
      subtextStyle: { fontSize: 12 },
    },
    series: [
      {
        name: '工资保证金',
        type: 'pie',
        radius: ['38%', '62%'],
        center: ['50%', '55%'],
        data: [
          { name: '已存储', value: deposit.held, itemStyle: { color: '#52c41a' } },
          { name: '依规免缴', value: deposit.exempt, itemStyle: { color: '#1d5fc4' } },
          { name: '未存储', value: deposit.missing, itemStyle: { color: '#f5222d' } },
        ],
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
  return <ClickableChart option={option} testId="dashboard-deposit-chart" />;
}

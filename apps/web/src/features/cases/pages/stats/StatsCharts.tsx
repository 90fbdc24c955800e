import { Empty } from 'antd';
import { EChart } from '../../../../components/charts/EChart';
import type { RightsStats } from '../../api';

const empty = (text: string) => <Empty description={text} style={{ padding: 48 }} />;

/** Cases filed, closed, open and overdue per child region (stacked bars for the open ones). */
export function RegionChart({ rows }: { rows: RightsStats['byRegion'] }) {
  if (rows.length === 0) return empty('本年度无案件');
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: ['登记', '办结', '超期'] },
    grid: { left: 48, right: 16, top: 40, bottom: rows.length > 6 ? 88 : 56 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: '件' },
    series: [
      { name: '登记', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#1677ff' }, data: rows.map((r) => r.filed) },
      { name: '办结', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#52c41a' }, data: rows.map((r) => r.closed) },
      { name: '超期', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#f5222d' }, data: rows.map((r) => r.overdue) },
    ],
  };
  return (
    <div data-testid="stats-region-chart">
      <EChart option={option} />
    </div>
  );
}

/** A share of a whole as a ring (channels, claims, outcomes). */
export function PieOf({
  testId,
  rows,
  emptyText,
}: {
  testId: string;
  rows: { name: string; value: number }[];
  emptyText: string;
}) {
  if (rows.every((r) => r.value === 0)) return empty(emptyText);
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: rows.filter((r) => r.value > 0),
      },
    ],
  };
  return (
    <div data-testid={testId}>
      <EChart option={option} />
    </div>
  );
}

/** The on-time rate of every stage (clock): met, late, overdue and in time, stacked per clock. */
export function TimelinessChart({ rows }: { rows: RightsStats['timeliness'] }) {
  if (rows.length === 0) return empty('本年度无法定时限');
  const names = rows.map((r) => `${r.typeName}·${r.clockName}`);
  const bar = (name: string, color: string, pick: (r: RightsStats['timeliness'][number]) => number) => ({
    name,
    type: 'bar',
    stack: 'clock',
    barMaxWidth: 28,
    itemStyle: { color },
    data: rows.map(pick),
  });
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: ['按期办结', '逾期办结', '超期在办', '期限内在办'] },
    grid: { left: 120, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'value', minInterval: 1, name: '件' },
    yAxis: { type: 'category', data: names },
    series: [
      bar('按期办结', '#52c41a', (r) => r.met),
      bar('逾期办结', '#fa8c16', (r) => r.late),
      bar('超期在办', '#f5222d', (r) => r.overdue),
      bar('期限内在办', '#1677ff', (r) => r.running),
    ],
  };
  return (
    <div data-testid="stats-timeliness-chart">
      <EChart option={option} style={{ height: Math.max(200, 60 + rows.length * 48) }} />
    </div>
  );
}

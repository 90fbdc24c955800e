import { Empty, Table } from 'antd';
import { EChart } from '../../../components/charts/EChart';
import { formatFen } from '../../../components/money';
import type { RegionResults } from '../api';

/** Results by region: a bar chart of the chosen columns and the full table (amounts in 分 shown in 元). */
export function RegionResultsView({ data, chart }: { data: RegionResults | undefined; chart: string[] }) {
  if (!data || data.rows.length === 0) return <Empty description="暂无数据" />;
  const money = (key: string) => key.endsWith('Fen');
  const label = (key: string) => data.columns.find((c) => c.key === key)?.label.replace('（分）', '（元）') ?? key;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: chart.map(label) },
    grid: { left: 48, right: 16, bottom: 48 },
    xAxis: { type: 'category', data: data.rows.map((r) => r.regionName.split(/[省市]/).pop() || r.regionName) },
    yAxis: { type: 'value' },
    series: chart.map((key) => ({
      name: label(key),
      type: 'bar',
      data: data.rows.map((r) => (money(key) ? (r.values[key] ?? 0) / 100 : (r.values[key] ?? 0))),
    })),
  };
  return (
    <>
      <EChart option={option} />
      <Table
        rowKey="regionCode"
        size="small"
        pagination={false}
        dataSource={data.rows}
        columns={[
          { title: '区划', dataIndex: 'regionName' },
          ...data.columns.map((c) => ({
            title: label(c.key),
            key: c.key,
            align: 'right' as const,
            render: (_: unknown, r: RegionResults['rows'][number]) =>
              money(c.key) ? formatFen(r.values[c.key]) : (r.values[c.key] ?? 0).toLocaleString(),
          })),
        ]}
      />
    </>
  );
}

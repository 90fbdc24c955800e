import { Card, Col, Empty, Row } from 'antd';
import { overviewStatusLabels, regionLevelShort } from '../../../api/labels';
import type { Overview } from '../../../api/types';
import { EChart } from '../../../components/charts/EChart';

export function RegionLevelChart({ data }: { data: Overview['regions'] }) {
  const levels = [1, 2, 3, 4, 5];
  const counts = levels.map((lvl) => data.find((d) => d.level === lvl)?.count ?? 0);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: levels.map((l) => regionLevelShort[l]) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '区划数量',
        type: 'bar',
        data: counts,
        barMaxWidth: 48,
        itemStyle: { color: '#1d5fc4', borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  };
  return <EChart option={option} />;
}

export function UserStatusChart({ data }: { data: NonNullable<Overview['users']> }) {
  if (data.length === 0) return <Empty description="暂无用户数据" />;
  const colors: Record<string, string> = { active: '#52c41a', disabled: '#bfbfbf', locked: '#faad14' };
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '用户状态',
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        data: data.map((d) => ({
          name: overviewStatusLabels[d.status] ?? d.status,
          value: d.count,
          itemStyle: colors[d.status] ? { color: colors[d.status] } : undefined,
        })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
  return <EChart option={option} />;
}

export function LoginTrendChart({ data }: { data: NonNullable<Overview['logins']> }) {
  if (data.length === 0) return <Empty description="暂无登录记录" />;
  const sorted = [...data].sort((a, b) => a.date.localeCompare(b.date));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['登录成功', '登录失败'], bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', boundaryGap: false, data: sorted.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '登录成功',
        type: 'line',
        smooth: true,
        data: sorted.map((d) => d.success),
        itemStyle: { color: '#52c41a' },
      },
      {
        name: '登录失败',
        type: 'line',
        smooth: true,
        data: sorted.map((d) => d.failure),
        itemStyle: { color: '#ff4d4f' },
      },
    ],
  };
  return <EChart option={option} />;
}

export function OverviewCharts({ overview }: { overview: Overview }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={overview.users ? 12 : 24}>
        <Card title="本市四级网格：县（区）、乡（镇、街道）、村（社区）数量" variant="borderless">
          <RegionLevelChart data={overview.regions} />
        </Card>
      </Col>
      {overview.users && (
        <Col xs={24} xl={12}>
          <Card title="用户状态分布" variant="borderless">
            <UserStatusChart data={overview.users} />
          </Card>
        </Col>
      )}
      {overview.logins && (
        <Col span={24}>
          <Card title="每日登录情况" variant="borderless">
            <LoginTrendChart data={overview.logins} />
          </Card>
        </Col>
      )}
    </Row>
  );
}

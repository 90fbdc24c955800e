import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RightsStats } from '../../api';
import { mockApi } from '../../../../test/api';
import { renderWithProviders } from '../../../../test/render';
import RightsStatsPage from './RightsStatsPage';

// ECharts draws on a canvas jsdom does not have: the charts render as their props.
vi.mock('../../../../components/charts/EChart', () => ({
  EChart: ({ option }: { option: { series: { name?: string; data: unknown[] }[] } }) => (
    <pre data-testid="echart">{JSON.stringify(option.series.map((s) => s.data))}</pre>
  ),
}));

const stats: RightsStats = {
  year: 2026,
  today: '2026-03-14',
  region: { code: '5301', name: '昆明市', level: 2 },
  totals: { filed: 3, closed: 2, workers: 7, escalated: 1, overdue: 1 },
  amounts: { claimedFen: 1_800_000, orderedFen: 800_000, recoveredFen: 800_000, workersHelped: 1 },
  byType: [{ type: 'complaint', name: '投诉举报', filed: 3, closed: 2, workers: 7, escalated: 1 }],
  byOutcome: [
    { type: 'complaint', typeName: '投诉举报', state: 'closed', name: '已结案', final: true, cases: 1 },
    { type: 'complaint', typeName: '投诉举报', state: 'filed', name: '待受理', final: false, cases: 1 },
  ],
  byRegion: [
    { code: '530102', name: '五华区', filed: 2, closed: 1, open: 1, overdue: 1 },
    { code: '530103', name: '盘龙区', filed: 1, closed: 1, open: 0, overdue: 0 },
  ],
  byChannel: [
    { channel: 'hotline', name: '12333 热线', complaints: 1, workers: 1, groups: 0, claimedFen: 1_000_000 },
    { channel: 'window', name: '服务窗口', complaints: 2, workers: 6, groups: 1, claimedFen: 800_000 },
  ],
  byClaim: [{ kind: 'wages', name: '拖欠工资', claims: 3, amountFen: 1_800_000 }],
  timeliness: [
    {
      type: 'complaint',
      typeName: '投诉举报',
      code: 'decide',
      clockName: '受理期限',
      met: 2,
      late: 1,
      overdue: 1,
      running: 0,
      onTimeRate: 2 / 3,
    },
  ],
  overdue: [
    {
      caseId: '00000000-0000-4000-8000-000000000001',
      type: 'complaint',
      typeName: '投诉举报',
      state: 'filed',
      stateName: '待受理',
      title: '某劳务公司拖欠工资（群体）',
      regionCode: '530102001',
      regionName: '华山街道',
      clock: 'decide',
      clockName: '受理期限',
      dueOn: '2026-03-09',
      daysOverdue: 5,
      escalated: true,
    },
  ],
  annual: {
    complaintsReceived: 3,
    complaintsAccepted: 1,
    casesFiled: 0,
    casesClosed: 2,
    workersInvolved: 7,
    workersHelped: 1,
    recoveredFen: 800_000,
    employersOrdered: 1,
    orderedFen: 800_000,
    policeTransfers: 0,
  },
};

describe('RightsStatsPage', () => {
  it('shows the totals, the annual report, the charts, the on-time rate and the overdue list', async () => {
    mockApi({ 'GET /api/rights/stats': stats });
    renderWithProviders(<RightsStatsPage />, { route: '/rights-stats', permissions: ['rights:read'] });
    expect(await screen.findByText('维权统计 · 昆明市 2026 年')).toBeInTheDocument();
    expect(screen.getByTestId('stats-filed')).toHaveTextContent('3');
    expect(screen.getByTestId('stats-overdue-count')).toHaveTextContent('1');
    expect(screen.getByTestId('stats-recovered')).toHaveTextContent('8,000.00');
    const annual = screen.getByTestId('stats-annual');
    expect(within(annual).getByText('追回工资等待遇')).toBeInTheDocument();
    expect(within(annual).getAllByText('8,000.00 元')).toHaveLength(2); // recovered and ordered
    expect(within(annual).getByText('1 户')).toBeInTheDocument();
    expect(within(screen.getByTestId('stats-region-chart')).getByTestId('echart')).toHaveTextContent(
      '[[2,1],[1,1],[1,0]]',
    );
    expect(screen.getByText('66.7%')).toBeInTheDocument();
    const overdue = screen.getByTestId('stats-overdue');
    expect(within(overdue).getByRole('link', { name: '某劳务公司拖欠工资（群体）' })).toHaveAttribute(
      'href',
      '/cases/00000000-0000-4000-8000-000000000001',
    );
    expect(within(overdue).getByText('5 天')).toBeInTheDocument();
  });

  it('asks for another year and exports the workbook of the same query', async () => {
    const net = mockApi({
      'GET /api/rights/stats': (call) => ({ ...stats, year: Number(call.query.get('year') ?? 2026) }),
      'GET /api/rights/stats.xlsx': () =>
        new Response(new Blob(['xlsx']), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': 'attachment; filename="rights-stats.xlsx"; filename*=UTF-8\'\'x.xlsx',
          },
        }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const { user } = renderWithProviders(<RightsStatsPage />, {
      route: '/rights-stats?year=2025',
      permissions: ['rights:read'],
    });
    expect(await screen.findByText('维权统计 · 昆明市 2025 年')).toBeInTheDocument();
    expect(net.callsTo('GET /api/rights/stats')[0].query.get('year')).toBe('2025');
    await user.click(screen.getByRole('button', { name: /导出 Excel/ }));
    await waitFor(() => expect(net.callsTo('GET /api/rights/stats.xlsx')).toHaveLength(1));
    expect(net.callsTo('GET /api/rights/stats.xlsx')[0].query.get('year')).toBe('2025');
  });
});

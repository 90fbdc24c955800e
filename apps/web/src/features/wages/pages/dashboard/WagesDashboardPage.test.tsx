import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DashboardRegionRow, WagesDashboard } from '../../api';
import { mockApi } from '../../../../test/api';
import { currentLocation, renderWithProviders } from '../../../../test/render';
import WagesDashboardPage from './WagesDashboardPage';

// ECharts draws on a canvas jsdom does not have: the charts render as nothing.
vi.mock('./ClickableChart', () => ({ ClickableChart: () => <div data-testid="echart" /> }));

/** A region's figures: `projects` projects, all green, nothing owed or open. */
const figures = (projects: number) => ({
  projects,
  byLevel: { green: projects, yellow: 0, orange: 0, red: 0 },
  arrearsFen: 0,
  arrearsWorkers: 0,
  openWarnings: 0,
  overdueWarnings: 0,
});
const row = (code: string, name: string, level: number, projects: number): DashboardRegionRow => ({
  code,
  name,
  level,
  ...figures(projects),
});

/** The dashboard of a region with its children's rows (the figures do not matter here). */
function dashboard(code: string, name: string, level: number, children: DashboardRegionRow[]): WagesDashboard {
  const projects = children.reduce((n, c) => n + c.projects, 0);
  return {
    region: { code, name, level },
    children,
    totals: figures(projects),
    trend: [],
    deposit: { projects, held: 0, exempt: 0, missing: projects, requiredFen: 0, balanceFen: 0 },
    projects: [],
  };
}

describe('WagesDashboardPage', () => {
  // 官渡区 (the signed-in user's county): two projects registered at the county itself, one at a township.
  it("shows the region's own-level projects as its 本级 row, without a drill-down link to itself", async () => {
    const net = mockApi({
      'GET /api/wages/dashboard': (call) =>
        call.query.get('regionCode') === '530111001'
          ? dashboard('530111001', '关上街道', 4, [])
          : dashboard('530111', '云南省昆明市官渡区', 3, [
              row('530111', '官渡区', 3, 2),
              row('530111001', '关上街道', 4, 1),
            ]),
    });
    const { user } = renderWithProviders(<WagesDashboardPage />, {
      route: '/wages-dashboard',
      permissions: ['wages:read'],
    });
    const table = await screen.findByTestId('dashboard-children');
    // the county's own row: its name marked 本级, not a link (drilling into the region shown did nothing)
    const own = within(table).getByText('官渡区（本级）').closest('td')!;
    expect(own.querySelector('a')).toBeNull();
    expect(within(table).queryByTestId('drill-530111')).toBeNull();
    expect(within(own).getByTestId('own-level-530111')).toBeInTheDocument();
    // a township's row still drills down
    const township = within(table).getByText('关上街道').closest('td')!;
    expect(township.querySelector('a')).not.toBeNull();
    expect(within(table).queryByTestId('own-level-530111001')).toBeNull();
    await user.click(within(table).getByTestId('drill-530111001'));
    await waitFor(() => expect(currentLocation()).toBe('/wages-dashboard?region=530111001'));
    expect(await screen.findByTestId('dashboard-title')).toHaveTextContent('欠薪监测驾驶舱 · 关上街道');
    expect(net.callsTo('GET /api/wages/dashboard').map((c) => c.query.get('regionCode'))).toEqual([null, '530111001']);
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/api';
import { renderWithProviders } from '../../../test/render';
import { target } from './fixtures';
import TargetsPage from './TargetsPage';

vi.mock('../../../components/charts/EChart', () => ({
  EChart: ({ option }: { option: { series: { name: string; data: number[] }[] } }) => (
    <div data-testid="chart">{option.series.map((s) => `${s.name}:${s.data.join(',')}`).join(';')}</div>
  ),
}));

describe('TargetsPage', () => {
  it('shows the target beside the completions per region and the cumulative progress by month', async () => {
    mockApi({ 'GET /api/training/targets': { items: [target] } });
    renderWithProviders(<TargetsPage />, { permissions: ['training:read'] });
    const row = (await screen.findByText('300,000')).closest('tr')!;
    expect(within(row).getByText('120,000')).toBeInTheDocument();
    expect(within(row).getByText('40%')).toBeInTheDocument();
    const [bars, lines] = screen.getAllByTestId('chart');
    expect(bars.textContent).toBe('目标人次:300000;已结业人次:120000');
    expect(lines.textContent).toContain('昆明市:0,0,120000,120000');
  });
});

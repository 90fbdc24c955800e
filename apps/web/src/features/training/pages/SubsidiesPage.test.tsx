import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import { claim } from './fixtures';
import SubsidiesPage from './SubsidiesPage';

describe('SubsidiesPage', () => {
  it('approves a claim of the queue after confirmation', async () => {
    const api = mockApi({
      'GET /api/training/subsidies': { items: [claim()], total: 1, page: 1, pageSize: 20 },
      'POST /api/training/subsidies/cl-1/approve': claim({ status: 'pending_county', canApprove: false }),
    });
    const { user } = renderWithProviders(<SubsidiesPage />, { permissions: ['training:read', 'training:approve'] });
    const row = (await screen.findByText('就业技能培训补贴（焊工）')).closest('tr')!;
    expect(within(row).getByText('待乡镇（街道）审核')).toBeInTheDocument();
    expect(api.calls[0].query.get('queue')).toBe('mine');
    await user.click(within(row).getByRole('button', { name: buttonName('通过') }));
    const confirm = await screen.findByRole('dialog');
    expect(confirm).toHaveTextContent('审核通过 张* 的补贴 1,500.00 元？');
    expect(api.calls.some((c) => c.path.endsWith('/approve'))).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: buttonName('审核通过') }));
    await waitFor(() => expect(api.calls.some((c) => c.path.endsWith('/approve'))).toBe(true));
    expect(api.calls.find((c) => c.path.endsWith('/approve'))!.body).toEqual({ confirm: true });
  });

  it('exports the claims list as a workbook', async () => {
    const api = mockApi({
      'GET /api/training/subsidies': { items: [claim({ canApprove: false })], total: 1, page: 1, pageSize: 20 },
      'GET /api/training/subsidies/export': () =>
        new Response(new Blob(['xlsx']), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': 'attachment; filename="subsidies.xlsx"',
          },
        }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const { user } = renderWithProviders(<SubsidiesPage />, { permissions: ['training:read'] });
    await screen.findByText('就业技能培训补贴（焊工）');
    await user.click(screen.getByRole('button', { name: buttonName('导出名单（Excel）') }));
    await waitFor(() => expect(api.callsTo('GET /api/training/subsidies/export')).toHaveLength(1));
  });

  it('shows no approval queue to a reader', async () => {
    mockApi({
      'GET /api/training/subsidies': { items: [claim({ canApprove: false })], total: 1, page: 1, pageSize: 20 },
    });
    renderWithProviders(<SubsidiesPage />, { permissions: ['training:read'] });
    await screen.findByText('就业技能培训补贴（焊工）');
    expect(screen.queryByRole('tab', { name: '待我审核' })).toBeNull();
    expect(screen.queryByRole('button', { name: buttonName('通过') })).toBeNull();
  });
});

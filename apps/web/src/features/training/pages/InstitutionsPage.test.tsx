import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import { institution } from './fixtures';
import InstitutionsPage from './InstitutionsPage';

describe('InstitutionsPage', () => {
  it('lists institutions with their status and approves one with a validity', async () => {
    const api = mockApi({
      'GET /api/training/institutions': { items: [institution], total: 1, page: 1, pageSize: 20 },
      'PATCH /api/training/institutions/i-1': { ...institution, status: 'approved', validTo: '2028-12-31' },
    });
    const { user } = renderWithProviders(<InstitutionsPage />, {
      permissions: ['training:read', 'training:approve'],
    });
    const row = (await screen.findByText('五华区职业技能培训学校')).closest('tr')!;
    expect(within(row).getByText('待认定')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: buttonName('认定') }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('有效期起'), '2026-01-01');
    await fill(user, within(dialog).getByLabelText('有效期止'), '2028-12-31');
    await user.click(within(dialog).getByRole('button', { name: buttonName('认定') }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      status: 'approved',
      validFrom: '2026-01-01',
      validTo: '2028-12-31',
    });
  });

  it('offers no approval to a reader', async () => {
    mockApi({ 'GET /api/training/institutions': { items: [institution], total: 1, page: 1, pageSize: 20 } });
    renderWithProviders(<InstitutionsPage />, { permissions: ['training:read'] });
    await screen.findByText('五华区职业技能培训学校');
    expect(screen.queryByRole('button', { name: buttonName('登记培训机构') })).toBeNull();
    expect(screen.queryByRole('button', { name: buttonName('认定') })).toBeNull();
  });
});

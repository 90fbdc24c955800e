import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Referral } from '../../api';
import { mockApi } from '../../../../test/api';
import { renderWithProviders } from '../../../../test/render';
import ReferralsPage from './ReferralsPage';

const referral: Referral = {
  id: 'r-1',
  seekerId: 's-1',
  seekerName: '李焊工',
  workerId: 'w-1',
  jobId: 'j-1',
  jobTitle: '电焊工',
  employerName: '昆明五华钢构有限公司',
  jobRegionCode: '530102001',
  regionCode: '530102001001',
  campaignId: null,
  outcome: 'hired',
  outcomeName: '已录用',
  outcomeSource: 'staff',
  outcomeOn: '2026-03-02',
  hiredOn: '2026-03-02',
  doublePlacement: true,
  followUps: [
    { day: 30, dueOn: '2026-04-01', doneAt: null, stillEmployed: null, note: null },
    { day: 90, dueOn: '2026-05-31', doneAt: null, stillEmployed: null, note: null },
  ],
  note: null,
  createdBy: '就业专员',
  createdAt: '2026-03-02T02:00:00.000Z',
};

describe('ReferralsPage', () => {
  it('shows outcomes, double placements and follow-ups; the tabs ask for the due lists', async () => {
    const api = mockApi({ 'GET /api/referrals': { items: [referral], total: 1, page: 1, pageSize: 20 } });
    const { user } = renderWithProviders(<ReferralsPage />, { permissions: ['employment:read', 'employment:handle'] });
    const row = (await screen.findByText('李焊工')).closest('tr')!;
    expect(within(row).getByText('已录用')).toBeInTheDocument();
    expect(within(row).getByText('一人两岗')).toBeInTheDocument();
    expect(within(row).getByText('30天回访：在岗')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '30 天回访到期' }));
    expect(api.calls.some((c) => c.query.get('followUpDue') === '30')).toBe(true);
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JobMatches, Seeker } from '../../api';
import { mockApi } from '../../../../test/api';
import { buttonName, renderWithProviders } from '../../../../test/render';
import SeekerMatchesPage from './SeekerMatchesPage';

const seeker: Seeker = {
  id: 's-1',
  workerId: 'w-1',
  name: '李焊工',
  sex: 'male',
  age: 37,
  regionCode: '530102001001',
  regionName: '某社区',
  occupations: [{ code: '6-18-02-04', name: '焊工' }],
  places: [],
  preference: 'local',
  preferenceName: '就地就近',
  minWageFen: 400_000,
  availableFrom: null,
  skills: [],
  note: null,
  status: 'seeking',
  statusName: '求职中',
  stale: false,
  reconfirmedAt: '2026-03-02T02:00:00.000Z',
  registeredBy: '530102',
  createdAt: '2026-03-02T02:00:00.000Z',
  version: 1,
};
const matches: JobMatches = {
  impressionId: 'i-1',
  stale: false,
  items: [
    {
      jobId: 'j-1',
      title: '电焊工',
      employerName: '昆明五华钢构有限公司',
      occupationCode: '6-18-02-04',
      occupationName: '焊工',
      regionCode: '530102001',
      regionName: '华山街道',
      wageMinFen: 480_000,
      wageMaxFen: 550_000,
      score: 11.2,
      // the distance tag with the kilometres between the township centres (距户籍地 N 公里), when both are known
      explanation: ['工种匹配', '距居住地：同区县，距户籍地 12 公里', '月薪 4,800–5,500 元', '提供住宿'],
      features: [],
    },
  ],
};

describe('SeekerMatchesPage', () => {
  it('shows the proposed postings with the reasons in Chinese and refers with the impression', async () => {
    const api = mockApi({
      'GET /api/seekers/s-1': seeker,
      'GET /api/seekers/s-1/matches': matches,
      'POST /api/referrals': { id: 'r-1' },
    });
    const { user } = renderWithProviders(<SeekerMatchesPage />, {
      route: '/seekers/s-1/matches',
      path: '/seekers/:id/matches',
      permissions: ['employment:read', 'employment:handle'],
    });
    const reasons = await screen.findByTestId('reasons-j-1');
    for (const r of matches.items[0].explanation) expect(within(reasons).getByText(r)).toBeInTheDocument();
    expect(await screen.findByText(/推荐岗位 · 李焊工/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: buttonName('推荐') }));
    expect(await screen.findByText('已推荐，请跟进面试和录用结果')).toBeInTheDocument();
    const sent = api.calls.find((c) => c.method === 'POST');
    expect(sent?.body).toEqual({ seekerId: 's-1', jobId: 'j-1', impressionId: 'i-1' });
  });
});

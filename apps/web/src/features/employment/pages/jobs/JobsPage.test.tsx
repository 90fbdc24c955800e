import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../api';
import { mockApi } from '../../../../test/api';
import { buttonName, renderWithProviders } from '../../../../test/render';
import JobsPage from './JobsPage';

const job: Job = {
  id: 'j-1',
  employerId: 'e-1',
  employerName: '昆明五华钢构有限公司',
  title: '电焊工',
  occupationCode: '6-18-02-04',
  occupationName: '焊工',
  headcount: 3,
  wageMinFen: 480_000,
  wageMaxFen: 550_000,
  regionCode: '530102001',
  regionName: '华山街道',
  address: '五华区某钢结构厂',
  requirements: { skills: [], certificates: [], ageMin: 18, ageMax: 35, education: null, sex: 'any', other: null },
  benefits: { housing: true, meals: false, insurance: true },
  contractTermMonths: 12,
  validUntil: '2026-12-31',
  householdService: false,
  description: null,
  status: 'open',
  statusName: '招聘中',
  withdrawReason: null,
  warnings: [
    {
      kind: 'age',
      kindName: '年龄要求',
      severity: 'warn',
      field: 'requirements.ageMin',
      message: '年龄上限 35 岁低于法定退休年龄',
    },
  ],
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  version: 1,
};

describe('JobsPage', () => {
  it('lists postings with their wage range, status and moderation warning, and searches by keyword', async () => {
    const api = mockApi({ 'GET /api/jobs': { items: [job], total: 1, page: 1, pageSize: 20 } });
    const { user } = renderWithProviders(<JobsPage />, { permissions: ['employment:read', 'employment:handle'] });
    const row = (await screen.findByText('电焊工')).closest('tr')!;
    expect(within(row).getByText('月薪 4,800–5,500 元')).toBeInTheDocument();
    expect(within(row).getByText('招聘中')).toBeInTheDocument();
    expect(within(row).getByText('提示')).toBeInTheDocument();
    await user.type(screen.getByPlaceholderText('关键词：电工、焊工、保洁……'), '焊工{enter}');
    expect(api.calls.some((c) => c.path === '/api/jobs' && c.query.get('q') === '焊工')).toBe(true);
    expect(screen.getByRole('button', { name: buttonName('发布岗位') })).toBeInTheDocument();
  });

  it('hides publishing from readers', async () => {
    mockApi({ 'GET /api/jobs': { items: [job], total: 1, page: 1, pageSize: 20 } });
    renderWithProviders(<JobsPage />, { permissions: ['employment:read'] });
    await screen.findByText('电焊工');
    expect(screen.queryByRole('button', { name: buttonName('发布岗位') })).toBeNull();
    expect(screen.queryByText('撤回')).toBeNull();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import ClassDetailPage from './ClassDetailPage';
import { enrolment, trainingClass } from './fixtures';

const routes = {
  'GET /api/training/classes/c-1': trainingClass,
  'GET /api/training/classes/c-1/enrolments': { items: [enrolment()] },
  'GET /api/training/classes/c-1/attendance': {
    sessions: 3,
    rows: [{ enrolmentId: 'e-1', workerName: '张*', present: [1, 2, 3] }],
  },
};
const render = () =>
  renderWithProviders(<ClassDetailPage />, {
    route: '/training/classes/c-1',
    path: '/training/classes/:id',
    permissions: ['training:read', 'training:handle'],
  });

describe('ClassDetailPage', () => {
  it('shows trainees with attendance, result and certificate, and the refusal of a double enrolment', async () => {
    mockApi({
      ...routes,
      'POST /api/training/classes/c-1/enrolments': problem(409, {
        code: 'OVERLAP',
        detail: '该人员已报名“电工班”（2026-03-01 至 2026-03-20），与本班培训时间重叠，不能同时参加',
      }),
    });
    const { user } = render();
    const row = (await screen.findByText('530102********1234')).closest('tr')!;
    expect(within(row).getByText('3/3')).toBeInTheDocument();
    expect(within(row).getByText('合格 86')).toBeInTheDocument();
    expect(within(row).getByText(/职业技能等级证书（四级\/中级工） S2026001/)).toBeInTheDocument();
    await fill(user, screen.getByPlaceholderText('学员身份证号（须已实名登记）'), '530102199005171234');
    await user.click(screen.getByRole('button', { name: buttonName('报名') }));
    expect(await screen.findByText(/与本班培训时间重叠/)).toBeInTheDocument();
  });

  it('opens the printable completion roster and certificates in a new tab', async () => {
    mockApi(routes);
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      const { user } = render();
      await screen.findByText('530102********1234');
      await user.click(screen.getByTestId('completion-print'));
      expect(opened).toEqual([['/api/training/classes/c-1/completion', '_blank', 'noopener']]);
    } finally {
      window.open = open;
    }
  });

  it('previews the subsidy with the rule that applies and files the claim', async () => {
    const api = mockApi({
      ...routes,
      'GET /api/training/classes/c-1/enrolments/e-1/subsidy': {
        ok: true,
        ruleId: 'r-1',
        ruleName: '就业技能培训补贴（焊工）',
        amountFen: 150_000,
        payee: 'person',
        basis: ['出勤 3/3 次'],
        reasons: [],
      },
      'POST /api/training/subsidies': { id: 'cl-1', amountFen: 150_000 },
    });
    const { user } = render();
    const row = (await screen.findByText('530102********1234')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: buttonName('补贴') }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('就业技能培训补贴（焊工）：1,500.00 元')).toBeInTheDocument();
    await fill(user, within(dialog).getByLabelText('收款人（单位）'), '张三');
    await fill(user, within(dialog).getByLabelText('收款账号'), '6222021234567890128');
    await fill(user, within(dialog).getByLabelText('开户行'), '工行');
    await user.click(within(dialog).getByRole('button', { name: buttonName('申报') }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/training/subsidies')).toBe(true));
    expect(api.calls.find((c) => c.path === '/api/training/subsidies')!.body).toEqual({
      enrolmentId: 'e-1',
      payeeName: '张三',
      account: '6222021234567890128',
      bankName: '工行',
    });
  });
});

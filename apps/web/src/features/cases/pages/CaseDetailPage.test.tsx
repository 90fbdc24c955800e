import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseClock, CaseDetail } from '../api';
import { mockApi, problem } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import CaseDetailPage from './CaseDetailPage';

const clock = (over: Partial<CaseClock>): CaseClock => ({
  code: 'decide',
  name: '受理期限',
  unit: 'working',
  budget: 5,
  maxExtension: 0,
  startedOn: '2026-03-02',
  stoppedOn: null,
  dueOn: '2026-03-09',
  amberOn: '2026-03-06',
  extension: 0,
  total: 5,
  suspended: false,
  stopped: false,
  used: 4,
  remaining: 1,
  level: 'amber',
  missingYears: [],
  rungs: ['amber'],
  ...over,
});

const base: CaseDetail = {
  id: 'c-1',
  type: 'complaint',
  typeName: '投诉举报',
  state: 'filed',
  stateName: '待受理',
  tags: [],
  title: '昆明某劳务有限公司（拖欠工资）',
  regionCode: '530102001',
  regionName: '五华区华山街道',
  assigneeId: null,
  assigneeName: null,
  escalated: true,
  groupSize: 40,
  createdAt: '2026-03-02T02:00:00.000Z',
  closedAt: null,
  escalationReason: '群体性案件（40 人），立即升级督办',
  parties: [],
  data: { summary: '两个月工资未发' },
  clocks: [
    clock({}),
    clock({ code: 'investigate', name: '调查处理期限', remaining: -3, used: 63, total: 60, level: 'red' }),
  ],
  history: [
    {
      id: 1,
      kind: 'created',
      event: null,
      fromState: null,
      toState: 'filed',
      actorId: null,
      actorName: null,
      detail: {},
      at: '2026-03-02T02:00:00.000Z',
    },
  ],
  links: [],
  transitions: [
    {
      event: 'refuse',
      name: '不予受理',
      confirm: true,
      fields: [{ field: 'reason', label: '不予受理理由', kind: 'text', optional: false, min: null, options: null }],
    },
  ],
};

describe('CaseDetailPage', () => {
  it('shows the clocks counting down in working days, amber and red, and the escalation', async () => {
    mockApi({ 'GET /api/cases/c-1': base });
    renderWithProviders(<CaseDetailPage />, { route: '/cases/c-1', path: '/cases/:id', permissions: ['cases:read'] });
    expect(await screen.findByTestId('clock-decide')).toHaveTextContent('剩余 1个工作日');
    expect(screen.getByTestId('clock-investigate')).toHaveTextContent('已超期 3个工作日');
    expect(screen.getByText('即将到期')).toBeInTheDocument();
    expect(screen.getByText('督办原因：群体性案件（40 人），立即升级督办')).toBeInTheDocument();
    expect(screen.getByText('群体性 40 人')).toBeInTheDocument();
  });

  it('asks for the fields, confirms, then sends the transition; a refusal shows its Chinese message', async () => {
    let calls = 0;
    const net = mockApi({
      'GET /api/cases/c-1': base,
      'POST /api/cases/c-1/transitions': () =>
        ++calls === 1
          ? problem(409, { detail: '当前状态「已受理」不能执行「不予受理」', code: 'CASE_STATE' })
          : { ...base, state: 'refused', stateName: '不予受理', transitions: [] },
    });
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-1',
      path: '/cases/:id',
      permissions: ['cases:read', 'rights:handle'],
    });
    await user.click(await screen.findByTestId('transition-refuse'));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('不予受理理由'), '不属于管辖范围');
    await user.click(within(dialog).getByRole('button', { name: buttonName('确定') }));
    // The confirmation first: nothing sent yet.
    expect((await screen.findAllByText('确认不予受理？')).length).toBeGreaterThan(0);
    expect(net.callsTo('POST /api/cases/c-1/transitions')).toHaveLength(0);
    await user.click(screen.getAllByRole('button', { name: buttonName('确定') }).at(-1)!);
    expect(await screen.findByText('当前状态「已受理」不能执行「不予受理」')).toBeInTheDocument();
    expect(net.callsTo('POST /api/cases/c-1/transitions').map((c) => c.body)).toEqual([
      { event: 'refuse', fields: { reason: '不属于管辖范围' } },
    ]);
    // Again: wait for the new confirmation (the first may still be closing) before confirming it.
    const shown = screen.queryAllByText('确认不予受理？').length;
    await user.click(within(dialog).getByRole('button', { name: buttonName('确定') }));
    await waitFor(() => expect(screen.queryAllByText('确认不予受理？').length).toBeGreaterThan(shown));
    await user.click(screen.getAllByRole('button', { name: buttonName('确定') }).at(-1)!);
    await waitFor(() => expect(net.callsTo('POST /api/cases/c-1/transitions')).toHaveLength(2));
    expect(await screen.findByText('已不予受理')).toBeInTheDocument();
  });
});

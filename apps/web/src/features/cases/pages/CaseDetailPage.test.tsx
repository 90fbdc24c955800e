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

  it('shows the facts of a police transfer and opens its printable package', async () => {
    mockApi({
      'GET /api/cases/c-2': {
        ...base,
        id: 'c-2',
        type: 'police_transfer',
        typeName: '移送公安机关',
        state: 'received',
        stateName: '公安已受理',
        groupSize: null,
        escalated: false,
        escalationReason: null,
        data: {
          openedFrom: 'c-1',
          transfer: { policeOrgan: '昆明市公安局五华分局', transferNo: '五人社移〔2026〕3号' },
          receipt: { receiptNo: '五公受〔2026〕77号', receivedOn: '2026-03-02' },
        },
        clocks: [],
        transitions: [],
      },
    });
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      const { user } = renderWithProviders(<CaseDetailPage />, {
        route: '/cases/c-2',
        path: '/cases/:id',
        permissions: ['cases:read', 'rights:read'],
      });
      const facts = await screen.findByTestId('case-facts');
      expect(facts).toHaveTextContent('昆明市公安局五华分局');
      expect(facts).toHaveTextContent('五公受〔2026〕77号');
      await user.click(screen.getByTestId('police-evidence'));
      expect(opened).toEqual([['/api/rights/police-transfers/c-2/evidence', '_blank', 'noopener']]);
    } finally {
      window.open = open;
    }
  });

  it('assigns a legal-aid case to a provider chosen from the list', async () => {
    const aid = {
      ...base,
      id: 'c-3',
      type: 'legal_aid',
      typeName: '法律援助',
      state: 'granted',
      stateName: '已决定援助',
      groupSize: null,
      escalated: false,
      escalationReason: null,
      data: { channel: 'remote', originCity: '贵州省毕节市', originRef: '毕法援〔2026〕88号', claimedFen: 2_400_000 },
      clocks: [],
      transitions: [
        {
          event: 'assign',
          name: '指派承办',
          confirm: false,
          fields: [
            { field: 'providerId', label: '承办律师或机构', kind: 'text', optional: false, min: null, options: null },
          ],
        },
      ],
    } satisfies typeof base;
    const net = mockApi({
      'GET /api/cases/c-3': aid,
      'GET /api/rights/legal-aid-providers': {
        items: [
          {
            id: 'p-1',
            kind: 'lawyer',
            name: '赵律师',
            organisation: '云南某律师事务所',
            practiceNo: '15301201010123456',
            phone: null,
            regionCode: '530102001',
            regionName: '五华区华山街道',
            active: true,
            createdAt: '2026-03-02T02:00:00.000Z',
            updatedAt: '2026-03-02T02:00:00.000Z',
          },
        ],
        total: 1,
        page: 1,
        pageSize: 50,
      },
      'POST /api/cases/c-3/transitions': { ...aid, state: 'assigned', stateName: '已指派', transitions: [] },
    });
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-3',
      path: '/cases/:id',
      permissions: ['cases:read', 'rights:read', 'rights:handle'],
    });
    const facts = await screen.findByTestId('case-facts');
    expect(facts).toHaveTextContent('异地协作（外地法律援助机构转来）');
    expect(facts).toHaveTextContent('贵州省毕节市');
    expect(facts).toHaveTextContent('24,000.00 元');
    await user.click(screen.getByTestId('transition-assign'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox'));
    await user.click(await screen.findByText('赵律师（云南某律师事务所） · 律师'));
    await user.click(within(dialog).getByRole('button', { name: buttonName('确定') }));
    await waitFor(() => expect(net.callsTo('POST /api/cases/c-3/transitions')).toHaveLength(1));
    expect(net.callsTo('POST /api/cases/c-3/transitions')[0].body).toEqual({
      event: 'assign',
      fields: { providerId: 'p-1' },
    });
    expect(net.callsTo('GET /api/rights/legal-aid-providers')[0].query.get('active')).toBe('true');
  });
});

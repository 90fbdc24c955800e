import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
      documents: [],
    },
  ],
};

const noAttachments = { items: [], documentKinds: [{ kind: 'other', label: '其他材料' }], maxBytes: 10 * 1024 * 1024 };

describe('CaseDetailPage', () => {
  it('shows the clocks counting down in working days, amber and red, and the escalation', async () => {
    mockApi({ 'GET /api/cases/c-1': base, 'GET /api/cases/c-1/attachments': noAttachments });
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
      'GET /api/cases/c-1/attachments': noAttachments,
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
          documents: [],
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

/** A stand-in for XMLHttpRequest (the attachment upload reports progress): records what is sent, answers `reply`. */
function fakeXhr(reply: () => { status: number; body: unknown }) {
  const sent: { method: string; url: string; body: FormData }[] = [];
  const progress: number[] = [];
  class FakeXhr {
    status = 0;
    responseText = '';
    withCredentials = false;
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    private method = '';
    private url = '';
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader() {}
    send(body: FormData) {
      sent.push({ method: this.method, url: this.url, body });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 });
      progress.push(40);
      setTimeout(() => {
        const r = reply();
        this.status = r.status;
        this.responseText = JSON.stringify(r.body);
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return { sent, progress };
}

describe('CaseDetailPage: inspectors from the user picker, required documents, attachments', () => {
  const record: CaseDetail = {
    ...base,
    type: 'inspection',
    typeName: '劳动保障监察',
    state: 'investigating',
    stateName: '调查中',
    escalated: false,
    groupSize: null,
    escalationReason: null,
    transitions: [
      {
        event: 'record',
        name: '制作检查笔录',
        confirm: false,
        fields: [
          {
            field: 'inspectors',
            label: '检查人员（至少 2 名）',
            kind: 'users',
            optional: false,
            min: 2,
            options: null,
          },
        ],
        documents: [{ kind: 'inspection_record', label: '检查笔录' }],
      },
    ],
  };
  const people = [
    { id: 'u-1', displayName: '张监察', departmentName: '人社局', regionCode: '530102', regionName: '五华区' },
    { id: 'u-2', displayName: '李监察', departmentName: '人社局', regionCode: '530102', regionName: '五华区' },
  ];

  it('picks the inspectors by name (debounced search) and sends their ids; names the documents required', async () => {
    const net = mockApi({
      'GET /api/cases/c-1': record,
      'GET /api/cases/c-1/attachments': noAttachments,
      'GET /api/users/assignable': (call) =>
        people.filter((p) => !call.query.get('q') || p.displayName.includes(call.query.get('q')!)),
      'POST /api/cases/c-1/transitions': () => ({ ...record, transitions: [] }),
    });
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-1',
      path: '/cases/:id',
      permissions: ['cases:read', 'rights:handle'],
    });
    await user.click(await screen.findByTestId('transition-record'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('transition-documents')).toHaveTextContent('须先在「附件」中上传：检查笔录');
    await user.type(within(dialog).getByRole('combobox'), '监察');
    await user.click(await screen.findByTitle('张监察'));
    await user.click(await screen.findByTitle('李监察'));
    // Typing is debounced: one search for the whole word (once the pause has passed).
    await waitFor(() =>
      expect(
        net
          .callsTo('GET /api/users/assignable')
          .map((c) => c.query.get('q'))
          .filter(Boolean),
      ).toEqual(['监察']),
    );
    await user.click(within(dialog).getByRole('button', { name: buttonName('确定') }));
    await waitFor(() => expect(net.callsTo('POST /api/cases/c-1/transitions')).toHaveLength(1));
    expect(net.callsTo('POST /api/cases/c-1/transitions')[0].body).toEqual({
      event: 'record',
      fields: { inspectors: ['u-1', 'u-2'] },
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('lists the attachments, uploads one of a kind with progress, refuses an oversized file first', async () => {
    const stored = {
      id: 'a-1',
      docKind: 'inspection_record',
      docKindName: '检查笔录',
      filename: '检查笔录.pdf',
      mediaType: 'application/pdf',
      bytes: 2048,
      sha256: 'ab'.repeat(32),
      uploadedBy: '张监察',
      uploadedAt: '2026-03-02T03:00:00.000Z',
    };
    const kinds = [
      { kind: 'inspection_record', label: '检查笔录' },
      { kind: 'other', label: '其他材料' },
    ];
    let items: (typeof stored)[] = [];
    mockApi({
      'GET /api/cases/c-1': record,
      'GET /api/cases/c-1/attachments': () => ({ items, documentKinds: kinds, maxBytes: 1024 * 1024 }),
    });
    const xhr = fakeXhr(() => {
      items = [stored];
      return { status: 201, body: stored };
    });
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-1',
      path: '/cases/:id',
      permissions: ['cases:read', 'rights:handle'],
    });
    expect(await screen.findByText('暂无附件')).toBeInTheDocument();
    expect(await screen.findByTitle('检查笔录')).toBeInTheDocument(); // the kinds (and the limit) are loaded
    const input = () => document.querySelector('input[type=file]') as HTMLInputElement;
    expect(input()).toHaveAttribute('accept', '.pdf,.jpg,.jpeg,.png,.ofd,.docx,.xlsx');
    await user.upload(input(), new File([new Uint8Array(2 * 1024 * 1024)], '太大.pdf'));
    expect(await screen.findByText('附件超过 1 MB 的上限')).toBeInTheDocument();
    expect(xhr.sent).toHaveLength(0);

    await user.upload(input(), new File(['%PDF-1.4'], '检查笔录.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(xhr.sent).toHaveLength(1));
    expect(xhr.sent[0]).toMatchObject({ method: 'POST', url: '/api/cases/c-1/attachments' });
    const form = xhr.sent[0].body;
    expect(form.get('docKind')).toBe('inspection_record');
    expect((form.get('file') as File).name).toBe('检查笔录.pdf');
    expect(await screen.findByText('已上传：检查笔录.pdf')).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: '检查笔录' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '2 KB' })).toBeInTheDocument();
  });

  it('shows the server’s Chinese refusal of a disguised file', async () => {
    mockApi({ 'GET /api/cases/c-1': record, 'GET /api/cases/c-1/attachments': noAttachments });
    fakeXhr(() => ({ status: 400, body: { status: 400, detail: '附件内容与类型不符', code: 'BAD_ATTACHMENT' } }));
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-1',
      path: '/cases/:id',
      permissions: ['cases:read'],
    });
    await screen.findByText('暂无附件');
    await user.upload(document.querySelector('input[type=file]') as HTMLInputElement, new File(['MZ'], '笔录.pdf'));
    expect(await screen.findByText('附件内容与类型不符')).toBeInTheDocument();
  });
});

describe('CaseDetailPage: arbitration', () => {
  const arbitration: CaseDetail = {
    ...base,
    id: 'c-2',
    type: 'arbitration',
    typeName: '劳动人事争议仲裁',
    state: 'accepted',
    stateName: '已受理',
    escalated: false,
    groupSize: null,
    escalationReason: null,
    tags: [{ code: 'green_channel', label: '绿色通道', priority: true }],
    data: {
      summary: '请求支付工资',
      claimedFen: 1_250_000,
      smallClaims: { minimumWageFen: 217_000, tier: '昆明一类', thresholdFen: 2_604_000, final: true },
    },
    clocks: [clock({ code: 'award', name: '裁决期限', unit: 'calendar', total: 45, level: 'normal', remaining: 40 })],
    history: [
      {
        id: 2,
        kind: 'transition',
        event: 'hearing',
        fromState: 'accepted',
        toState: 'hearing',
        actorId: null,
        actorName: '仲裁员',
        detail: { hearingOn: '2026-03-10', place: '第一仲裁庭', notice: '书面通知' },
        at: '2026-03-02T03:00:00.000Z',
      },
    ],
    transitions: [
      {
        event: 'hearing',
        name: '开庭',
        confirm: false,
        fields: [
          { field: 'hearingOn', label: '开庭日期', kind: 'date', optional: false, min: null, options: null },
          { field: 'place', label: '开庭地点', kind: 'text', optional: false, min: null, options: null },
        ],
        documents: [],
      },
      {
        event: 'award',
        name: '裁决',
        confirm: true,
        fields: [
          { field: 'amountFen', label: '裁决金额（分）', kind: 'fen', optional: false, min: null, options: null },
        ],
        documents: [],
      },
    ],
  };

  it('shows the green-channel tag, the small-claims rule and the recorded hearing; renders the fields', async () => {
    mockApi({ 'GET /api/cases/c-2': arbitration });
    const { user } = renderWithProviders(<CaseDetailPage />, {
      route: '/cases/c-2',
      path: '/cases/:id',
      permissions: ['cases:read', 'rights:handle'],
    });
    expect(await screen.findByText('绿色通道')).toBeInTheDocument();
    expect(
      screen.getByText('当地月最低工资 2,170.00 元（昆明一类）× 12 = 26,040.00 元；请求 12,500.00 元，适用终局裁决'),
    ).toBeInTheDocument();
    expect(screen.getByText(/2026-03-10；第一仲裁庭；书面通知/)).toBeInTheDocument();
    await user.click(screen.getByTestId('transition-hearing'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('开庭日期')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('开庭地点')).toBeInTheDocument();
  });
});

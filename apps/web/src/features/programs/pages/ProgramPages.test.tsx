import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MATCH_WEIGHTS, MATCH_FEATURE_LABELS } from '@mwsp/domain';
import { mockApi } from '../../../test/api';
import { buttonName, fieldErrors, renderWithProviders } from '../../../test/render';
import CampaignsPage from './CampaignsPage';
import ConsultingPage from './ConsultingPage';
import CooperationPage from './CooperationPage';
import StartupPage from './StartupPage';
import SurveysPage from './SurveysPage';

// ECharts draws on a canvas jsdom does not have: the chart is stood in for; its data is the table beside it.
vi.mock('../../../components/charts/EChart', () => ({ EChart: () => <div data-testid="chart" /> }));

const HANDLER = ['employment:read', 'employment:handle'];
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
const owned = { regionCode: '530102', regionName: '云南省昆明市五华区', createdAt: '2026-03-01T02:00:00.000Z' };
const results = {
  columns: [
    { key: 'attendees', label: '入场人数' },
    { key: 'hires', label: '达成意向' },
  ],
  rows: [{ regionCode: '530102', regionName: '云南省昆明市五华区', values: { attendees: 800, hires: 60 } }],
};

describe('招聘活动', () => {
  it('lists campaigns with their totals and the results by county, and checks the form before sending', async () => {
    const api = mockApi({
      'GET /api/campaigns': page([
        {
          ...owned,
          id: 'c-1',
          kind: 'spring_breeze',
          kindName: '春风行动',
          name: '2026 年春风行动',
          startDate: '2026-02-01',
          endDate: '2026-03-31',
          regions: [],
          organiser: '昆明市人社局',
          postingIds: [],
          summary: '',
          fairs: 2,
          attendees: 1500,
          referrals: 300,
          hires: 120,
          readOnly: false,
        },
      ]),
      'GET /api/campaigns/results': results,
    });
    const { user } = renderWithProviders(<CampaignsPage />, { permissions: HANDLER });
    expect(await screen.findByText('2026 年春风行动')).toBeInTheDocument();
    expect(screen.getByText('2026-02-01 至 2026-03-31')).toBeInTheDocument();
    expect(await screen.findByText('800')).toBeInTheDocument(); // the results table under the chart
    await user.click(screen.getByRole('button', { name: buttonName('登记招聘活动') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: buttonName('登记') }));
    await waitFor(() => expect(fieldErrors()).toContain('请填写活动名称'));
    expect(fieldErrors()).toContain('请选择活动时间');
    expect(api.callsTo('POST /api/campaigns')).toHaveLength(0);
  });

  it('shows a superior region’s campaign read-only: no fair registration, weights not editable', async () => {
    const city = {
      ...owned,
      regionCode: '5301',
      regionName: '云南省昆明市',
      id: 'c-2',
      kind: 'spring_breeze',
      kindName: '春风行动',
      name: '全市春风行动',
      startDate: '2026-02-01',
      endDate: '2026-03-31',
      regions: [],
      organiser: '昆明市人社局',
      postingIds: [],
      summary: '',
      fairs: 0,
      attendees: 0,
      referrals: 0,
      hires: 0,
      readOnly: true,
    };
    mockApi({
      'GET /api/campaigns': page([city]),
      'GET /api/campaigns/results': { columns: [], rows: [] },
      'GET /api/campaigns/c-2': { ...city, fairList: [] },
      'GET /api/campaigns/c-2/match-weights': {
        campaignId: 'c-2',
        weights: DEFAULT_MATCH_WEIGHTS,
        defaults: DEFAULT_MATCH_WEIGHTS,
        custom: false,
        labels: MATCH_FEATURE_LABELS,
      },
    });
    const { user } = renderWithProviders(<CampaignsPage />, { permissions: HANDLER });
    await user.click(await screen.findByText('全市春风行动'));
    expect(await screen.findByText('上级组织的活动，仅供查看')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: buttonName('登记招聘会') })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: buttonName('保存权重') })).not.toBeInTheDocument();
  });

  it('offers no registration to a reader', async () => {
    mockApi({ 'GET /api/campaigns': page([]), 'GET /api/campaigns/results': { columns: [], rows: [] } });
    renderWithProviders(<CampaignsPage />, { permissions: ['employment:read'] });
    expect((await screen.findAllByText('暂无数据')).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: buttonName('登记招聘活动') })).not.toBeInTheDocument();
  });
});

describe('用工调查', () => {
  it('lists both surveys, shows the results and exports the list to Excel', async () => {
    const api = mockApi({
      'GET /api/surveys/demand': page([
        {
          ...owned,
          id: 'd-1',
          period: '2026年春节后',
          surveyedOn: '2026-02-25',
          employerId: null,
          employerName: '昆明某物业服务有限公司',
          occupation: '4-10-01-06',
          occupationName: '家政服务员',
          headcount: 30,
          wageFen: 450_000,
        },
      ]),
      'GET /api/surveys/outbound': page([
        {
          ...owned,
          id: 'o-1',
          period: '2026年一季度',
          surveyedOn: '2026-03-01',
          workerId: 'w-1',
          destination: '浙江省宁波市',
          destinationRegionCode: null,
          occupation: null,
          occupationName: null,
          incomeFen: 680_000,
          status: 'employed',
          statusName: '务工就业',
        },
      ]),
      'GET /api/surveys/demand/results': {
        columns: [{ key: 'headcount', label: '需求人数' }],
        rows: [{ regionCode: '530102', regionName: '五华区', values: { headcount: 30 } }],
      },
      'GET /api/surveys/outbound/results': { columns: [], rows: [] },
      'GET /api/surveys/demand/export': () =>
        new Response(new Blob(['xlsx']), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': "attachment; filename*=UTF-8''demand.xlsx",
          },
        }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const { user } = renderWithProviders(<SurveysPage />, { permissions: HANDLER });
    expect(await screen.findByText('昆明某物业服务有限公司')).toBeInTheDocument();
    expect(screen.getByText('4,500.00')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: buttonName('导出 Excel') }));
    await waitFor(() => expect(api.callsTo('GET /api/surveys/demand/export')).toHaveLength(1));
    await user.click(screen.getByRole('tab', { name: '外出务工人员就业情况调查' }));
    expect(await screen.findByText('浙江省宁波市')).toBeInTheDocument();
    expect(screen.getByText('务工就业')).toBeInTheDocument();
  });
});

describe('劳务协作', () => {
  it('shows each register on its tab and checks the agreement form', async () => {
    const api = mockApi({
      'GET /api/cooperation/agreements': page([
        {
          ...owned,
          id: 'a-1',
          destination: '浙江省宁波市',
          destinationRegionCode: null,
          originParty: '五华区人社局',
          destinationParty: '宁波市人社局',
          startDate: '2026-01-01',
          endDate: '2028-12-31',
          terms: '',
          targetCount: 500,
          sent: 120,
        },
      ]),
      'GET /api/cooperation/brands': page([
        { ...owned, id: 'b-1', name: '春城家政', occupation: null, occupationName: null, description: '', members: 12 },
      ]),
    });
    const { user } = renderWithProviders(<CooperationPage />, { permissions: HANDLER });
    expect(await screen.findByText('五华区人社局 — 宁波市人社局')).toBeInTheDocument();
    expect(screen.getByText('120')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: buttonName('登记劳务协作协议') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: buttonName('登记') }));
    await waitFor(() => expect(fieldErrors()).toContain('请填写输入地'));
    expect(api.callsTo('POST /api/cooperation/agreements')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: buttonName('取消') }));
    await user.click(screen.getByRole('tab', { name: '劳务品牌' }));
    expect(await screen.findByText('春城家政')).toBeInTheDocument();
  });

  it('names the people of a group and the workers of a station, masked, not by their ids', async () => {
    mockApi({
      'GET /api/cooperation/agreements': page([]),
      'GET /api/cooperation/stations': page([
        {
          ...owned,
          id: 's-1',
          name: '五华区驻宁波劳务服务工作站',
          agreementId: null,
          destination: '浙江省宁波市',
          address: '',
          establishedOn: '2026-01-15',
          staff: [],
          workersServed: 2,
          workers: [
            { workerId: 'w-1', name: '赵*', idMasked: '530102********0011' },
            { workerId: 'w-2', name: null, idMasked: null },
          ],
        },
      ]),
      'GET /api/cooperation/groups': page([
        {
          ...owned,
          id: 'g-1',
          departedOn: '2026-02-18',
          destination: '浙江省宁波市',
          agreementId: null,
          people: 1,
          members: [{ workerId: 'w-1', workplace: '宁波某电子厂', name: '赵*', idMasked: '530102********0011' }],
        },
      ]),
    });
    const { user } = renderWithProviders(<CooperationPage />, { permissions: HANDLER });
    await user.click(await screen.findByRole('tab', { name: '服务工作站' }));
    expect(await screen.findByText('赵*（530102********0011）、不在辖区')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '有组织输出' }));
    expect(await screen.findByText('赵*（530102********0011）')).toBeInTheDocument();
    expect(screen.queryByText(/w-1/)).not.toBeInTheDocument();
  });
});

describe('创业扶持', () => {
  it('shows the loan cap, the loans with their status and the bank decision for open ones only', async () => {
    const loan = {
      ...owned,
      id: 'l-1',
      workerId: 'w-1',
      business: '返乡开办农家乐',
      amountFen: 25_000_000,
      bank: '富滇银行',
      appliedOn: '2026-02-10',
      status: 'submitted',
      statusName: '已申请（待银行审批）',
      decidedOn: null,
      approvedFen: null,
      decisionNote: null,
      version: 0,
    };
    const api = mockApi({
      'GET /api/startup/loan-cap': { capFen: 30_000_000 },
      'GET /api/startup/loans': page([
        loan,
        { ...loan, id: 'l-2', business: '农产品电商', status: 'rejected', statusName: '银行未批准' },
      ]),
      'POST /api/startup/loans/l-1/decision': { ...loan, status: 'rejected', statusName: '银行未批准', version: 1 },
    });
    const { user } = renderWithProviders(<StartupPage />, { permissions: HANDLER });
    expect(await screen.findByText(/最高额度：300,000\.00 元/)).toBeInTheDocument();
    expect(await screen.findByText('返乡开办农家乐')).toBeInTheDocument();
    expect(screen.getAllByText('登记审批结果')).toHaveLength(1); // the rejected one is finished
    await user.click(screen.getByText('登记审批结果'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    await waitFor(() => expect(fieldErrors()).toContain('请选择日期'));
    expect(api.callsTo('POST /api/startup/loans/l-1/decision')).toHaveLength(0);
  });
});

describe('政策咨询', () => {
  it('lists enquiries and their counts, exports them, and checks the form', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const api = mockApi({
      'GET /api/programs/consulting/export': () =>
        new Response(new Blob(['xlsx']), {
          headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        }),
      'GET /api/consulting': page([
        {
          ...owned,
          id: 'q-1',
          askedOn: '2026-03-01',
          topic: 'startup',
          topicName: '创业扶持',
          channel: 'hotline',
          channelName: '12333 热线',
          asker: '',
          question: '返乡创业能申请哪些补贴？',
          answer: '可申请创业担保贷款。',
        },
      ]),
      'GET /api/consulting/stats': {
        total: 1,
        byTopic: [{ key: 'startup', label: '创业扶持', count: 1 }],
        byChannel: [{ key: 'hotline', label: '12333 热线', count: 1 }],
        byRegion: [{ regionCode: '530102', regionName: '五华区', count: 1 }],
      },
    });
    const { user } = renderWithProviders(<ConsultingPage />, { permissions: HANDLER });
    expect(await screen.findByText('返乡创业能申请哪些补贴？')).toBeInTheDocument();
    expect(await screen.findByText('咨询统计（共 1 次）')).toBeInTheDocument();
    expect(screen.getAllByTestId('chart')).toHaveLength(3);
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '补贴{Enter}');
    await user.click(screen.getByRole('button', { name: buttonName('导出 Excel') }));
    await waitFor(() => expect(api.callsTo('GET /api/programs/consulting/export')).toHaveLength(1));
    expect(api.callsTo('GET /api/programs/consulting/export')[0].query.get('q')).toBe('补贴');
    await user.click(screen.getByRole('button', { name: buttonName('登记政策咨询') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: buttonName('登记') }));
    await waitFor(() => expect(fieldErrors()).toContain('请填写咨询内容'));
    expect(fieldErrors()).toContain('请选择咨询主题');
  });
});

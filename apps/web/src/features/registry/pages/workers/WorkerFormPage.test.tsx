import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Region, RegionDetail, Worker } from '../../../../api/types';
import { mockApi, problem, type ApiCall } from '../../../../test/api';
import { buttonName, currentLocation, fieldErrors, fill, renderWithProviders } from '../../../../test/render';
import WorkerFormPage from './WorkerFormPage';

// Born 1990-08-15, male (17th digit odd), registered in 530111 (官渡区).
const ADULT_ID = '530111199008151233';
// Born 2012-03-01, female: 13 on the pinned date.
const CHILD_ID = '530111201203010022';

const region = (code: string, name: string, fullName: string, level: Region['level'], parentCode: string | null) => ({
  code,
  name,
  fullName,
  level,
  parentCode,
  hasChildren: level < 5,
});
const yunnan = region('53', '云南省', '云南省', 1, null);
const kunming = region('5301', '昆明市', '云南省昆明市', 2, '53');
const guandu = region('530111', '官渡区', '云南省昆明市官渡区', 3, '5301');
const guanshang = region('530111001', '关上街道', '云南省昆明市官渡区关上街道', 4, '530111');
const detail = (r: Region, ancestors: Region[]): RegionDetail => ({ ...r, ancestors });

function workerAnswer(body: Record<string, unknown>): Worker {
  return {
    id: 'w-1',
    name: String(body.name),
    idNumber: '530111********1233',
    sex: 'male',
    birthDate: null,
    age: 34,
    ethnicity: '01',
    education: '30',
    phone: '138****8000',
    hukouRegionCode: '530111',
    hukouRegionName: '官渡区',
    residenceRegionCode: '530111001',
    residenceRegionName: '关上街道',
    migrantType: 'local',
    crossProvince: false,
    skills: [],
    bankCard: null,
    bankName: null,
    bankCardLuhnOk: null,
    emergencyContact: null,
    accompanyingChildren: [],
    leftBehind: [],
    status: 'active',
    mergedInto: null,
    currentEmployment: null,
    insurance: [],
    createdAt: '2025-06-15T04:00:00Z',
    updatedAt: '2025-06-15T04:00:00Z',
    version: 1,
  } as Worker;
}

function registryApi() {
  return mockApi({
    'GET /api/code-tables': {
      ethnicities: [
        { code: '01', name: '汉族' },
        { code: '05', name: '维吾尔族' },
      ],
      educations: [
        { code: '20', name: '高中' },
        { code: '30', name: '初中' },
      ],
      industries: [],
      occupations: [{ code: '6-29-01-01', name: '砌筑工' }],
      employerSizes: [],
      schoolStages: [{ code: 'primary', name: '小学' }],
      insuranceTypes: [],
      relations: [{ code: 'spouse', name: '配偶' }],
    },
    'GET /api/system/info': { name: '农民工服务管理平台', city: { code: '5301', name: '昆明市' }, mode: 'production' },
    'GET /api/regions': (call: ApiCall) => {
      const q = call.query.get('q');
      if (q) return '关上街道'.includes(q) ? [guanshang] : [];
      return [yunnan];
    },
    'GET /api/regions/5301': detail(kunming, [yunnan]),
    'GET /api/regions/530111': detail(guandu, [yunnan, kunming]),
    'POST /api/workers': (call: ApiCall) => workerAnswer(call.body as Record<string, unknown>),
  });
}

function renderPage() {
  return renderWithProviders(<WorkerFormPage />, {
    route: '/workers/new',
    path: '/workers/new',
    permissions: ['workers:read', 'workers:write', 'regions:read'],
  });
}

const derivedBox = () => screen.getByTestId('worker-id-derived');

async function choose(user: ReturnType<typeof renderPage>['user'], label: string, option: string) {
  await user.click(screen.getByLabelText(label));
  await user.click(await screen.findByTitle(option));
}

describe('WorkerFormPage: registering a worker', () => {
  beforeEach(() => {
    // Ages are counted on a fixed day; only Date is faked so that timers and promises run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-15T04:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('checks the ID number as it is typed and shows the derived birth date, sex, age and origin', async () => {
    registryApi();
    const { user } = renderPage();
    const id = screen.getByLabelText('身份证号码');
    expect(within(derivedBox()).getByText(/输入有效的身份证号码后，将自动识别/)).toBeInTheDocument();

    await fill(user, id, ADULT_ID.slice(0, 17));
    expect(await screen.findByText('身份证号码长度应为18位（当前17位）')).toBeInTheDocument();
    expect(within(derivedBox()).queryByText('出生日期')).not.toBeInTheDocument();

    await user.type(id, '4');
    expect(await screen.findByText('身份证号码校验码错误，请核对')).toBeInTheDocument();

    await user.type(id, '{Backspace}3');
    await waitFor(() => expect(screen.queryByText('身份证号码校验码错误，请核对')).not.toBeInTheDocument());
    const box = within(derivedBox());
    expect(box.getByText('1990-08-15')).toBeInTheDocument();
    expect(box.getByText('男')).toBeInTheDocument();
    expect(box.getByText('34 岁')).toBeInTheDocument();
    expect(await box.findByText('云南省昆明市官渡区')).toBeInTheDocument();
  });

  it('refuses a worker under 16 and says why beside the number', async () => {
    registryApi();
    const { user } = renderPage();
    await fill(user, screen.getByLabelText('身份证号码'), CHILD_ID);
    const box = within(derivedBox());
    expect(await box.findByText('13 岁（未满16周岁不能登记为务工人员）')).toBeInTheDocument();
    expect(box.getByText('女')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText('身份证号码')).toHaveAccessibleDescription('未满16周岁不能登记为务工人员'),
    );
  });

  it('shows a 15-digit number in its 18-digit form', async () => {
    registryApi();
    const { user } = renderPage();
    await fill(user, screen.getByLabelText('身份证号码'), '530111900815123');
    expect(await screen.findByText('530111199008151233')).toBeInTheDocument();
    expect(screen.getByText('（15位旧号码将按18位保存）')).toBeInTheDocument();
  });

  it('lists what is missing in Chinese and sends nothing', async () => {
    const net = registryApi();
    const { user } = renderPage();
    await fill(user, screen.getByLabelText('姓名', { selector: '#name' }), '');
    await user.click(screen.getByRole('button', { name: buttonName('提交登记') }));
    await waitFor(() =>
      expect(fieldErrors()).toEqual([
        '请输入姓名',
        '请输入身份证号码',
        '请选择民族',
        '请选择文化程度',
        '请选择户籍地',
        '请选择现居住地',
      ]),
    );
    expect(net.callsTo('POST /api/workers')).toHaveLength(0);
  });

  it('asks for the whole emergency contact once part of it is given, and checks the phone', async () => {
    registryApi();
    const { user } = renderPage();
    await fill(user, screen.getByLabelText('联系电话'), '1380013');
    await user.click(screen.getByRole('button', { name: buttonName('提交登记') }));
    await waitFor(() =>
      expect(fieldErrors()).toEqual(
        expect.arrayContaining([
          '填写紧急联系人时，请同时填写姓名',
          '填写紧急联系人时，请同时填写与本人关系',
          '手机号码应为11位（当前7位）',
        ]),
      ),
    );
  });

  async function fillValidForm(user: ReturnType<typeof renderPage>['user']) {
    await fill(user, screen.getByLabelText('姓名', { selector: '#name' }), '买买提•吐尔逊');
    await fill(user, screen.getByLabelText('身份证号码'), ADULT_ID);
    await choose(user, '民族', '维吾尔族');
    await choose(user, '文化程度', '初中');
    await fill(user, screen.getByLabelText('手机号码'), '138 0013 8000');
    // The origin read from the ID number becomes the hukou region in one click.
    await user.click(await screen.findByRole('button', { name: buttonName('设为户籍地') }));
    // The residence is searched by name.
    await user.type(screen.getByLabelText('现居住地'), '关上');
    await user.click(await screen.findByTitle('云南省昆明市官渡区关上街道'));
  }

  it('sends the normalised registration and opens the new record', async () => {
    const net = registryApi();
    const { user } = renderPage();
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: buttonName('提交登记') }));

    await waitFor(() => expect(net.callsTo('POST /api/workers')).toHaveLength(1));
    expect(net.callsTo('POST /api/workers')[0].body).toEqual({
      name: '买买提·吐尔逊',
      idNumber: ADULT_ID,
      ethnicity: '05',
      education: '30',
      phone: '13800138000',
      hukouRegionCode: '530111',
      residenceRegionCode: '530111001',
      skills: [],
      accompanyingChildren: [],
      leftBehind: [],
    });
    expect(await screen.findByText('已登记务工人员“买买提·吐尔逊”')).toBeInTheDocument();
    await waitFor(() => expect(currentLocation()).toBe('/workers/w-1'));
  });

  it('points to the existing record when the ID number is already registered', async () => {
    const net = registryApi();
    net.on({
      'POST /api/workers': problem(409, {
        code: 'DUPLICATE',
        detail: '身份证号码 530111********1233 已登记',
        existingId: 'w-9',
      }),
    });
    const { user } = renderPage();
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: buttonName('提交登记') }));

    expect(await screen.findByText('该身份证号码已登记，不能重复登记')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '查看已登记的务工人员档案' })).toHaveAttribute('href', '/workers/w-9');
    await waitFor(() =>
      expect(screen.getByLabelText('身份证号码')).toHaveAccessibleDescription('身份证号码 530111********1233 已登记'),
    );
    expect(currentLocation()).toBe('/workers/new');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import type { SubsidyRule } from '../api';
import SubsidiesPage from './SubsidiesPage';

const rule = (over: Partial<SubsidyRule> = {}): SubsidyRule => ({
  id: 'r-1',
  name: '就业技能培训补贴（焊工）',
  occupationPrefix: '6-18',
  trainingType: 'employment_skill',
  certificateKind: null,
  amountFen: 150_000,
  requireCertificate: true,
  employedWithinMonths: null,
  minAttendancePct: 80,
  payee: 'person',
  sharePct: 100,
  minContractMonths: null,
  originProvince: null,
  validFrom: '2026-01-01',
  validTo: null,
  active: true,
  ...over,
});

const page = { items: [], total: 0, page: 1, pageSize: 20 };

async function openRules(permissions: string[]) {
  const api = mockApi({
    'GET /api/training/subsidies': page,
    'GET /api/training/subsidies/rules': { items: [rule()] },
    'PUT /api/training/subsidies/rules/r-1': (c) => ({ ...rule(), ...(c.body as object), active: true }),
    'POST /api/training/subsidies/rules': (c) => ({ ...rule(), ...(c.body as object), id: 'r-2', active: true }),
    'PATCH /api/training/subsidies/rules/r-1': rule({ active: false }),
  });
  const r = renderWithProviders(<SubsidiesPage />, { permissions });
  await r.user.click(await screen.findByRole('tab', { name: '补贴标准' }));
  const row = (await screen.findByText('就业技能培训补贴（焊工）')).closest('tr')!;
  return { api, row, ...r };
}

describe('补贴标准 (RulesTab)', () => {
  it('edits a standard in 元 and sends the whole rule in 分', async () => {
    const { api, row, user } = await openRules(['training:read', 'training:rules']);
    expect(within(row).getByText('取得证书，出勤≥80%')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: buttonName('修改') }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('已计算、已审核的补贴仍按原标准');
    const amount = within(dialog).getByLabelText('补贴标准（元/人）');
    expect(amount).toHaveValue('1500.00');
    await user.clear(amount);
    await user.type(amount, '1800');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    await waitFor(() => expect(api.callsTo('PUT /api/training/subsidies/rules/r-1')).toHaveLength(1));
    expect(api.callsTo('PUT /api/training/subsidies/rules/r-1')[0].body).toEqual({
      name: '就业技能培训补贴（焊工）',
      occupationPrefix: '6-18',
      trainingType: 'employment_skill',
      certificateKind: null,
      amountFen: 180_000,
      requireCertificate: true,
      minAttendancePct: 80,
      employedWithinMonths: null,
      payee: 'person',
      sharePct: 100,
      minContractMonths: null,
      originProvince: null,
      validFrom: '2026-01-01',
      validTo: null,
    });
  });

  it('refuses an enterprise share above 50 % and a reversed validity in Chinese, without a call', async () => {
    const { api, user } = await openRules(['training:read', 'training:rules']);
    await user.click(screen.getByRole('button', { name: buttonName('新增补贴标准') }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('标准名称'), '企业新招用新疆籍劳动者培训补贴');
    await user.type(within(dialog).getByLabelText('补贴标准（元/人）'), '1500');
    await user.click(within(dialog).getByLabelText('补贴对象'));
    await user.click(await screen.findByTitle('企业'));
    await user.type(within(dialog).getByLabelText('有效期起'), '2026-06-01');
    await user.type(within(dialog).getByLabelText('有效期止'), '2026-01-01');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    expect(await within(dialog).findByText('拨付企业的补贴不得超过现行标准的 50%')).toBeInTheDocument();
    expect(await within(dialog).findByText('有效期止不能早于有效期起')).toBeInTheDocument();
    expect(api.callsTo('POST /api/training/subsidies/rules')).toHaveLength(0);
    const share = within(dialog).getByLabelText('补贴比例（%）');
    await user.clear(share);
    await user.type(share, '50');
    const validTo = within(dialog).getByLabelText('有效期止');
    await user.clear(validTo);
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    await waitFor(() => expect(api.callsTo('POST /api/training/subsidies/rules')).toHaveLength(1));
    expect(api.callsTo('POST /api/training/subsidies/rules')[0].body).toMatchObject({
      payee: 'enterprise',
      sharePct: 50,
      amountFen: 150_000,
      validTo: null,
    });
  });

  it('stops a standard after confirmation', async () => {
    const { api, row, user } = await openRules(['training:read', 'training:rules']);
    await user.click(within(row).getByRole('button', { name: buttonName('停用') }));
    const confirm = await screen.findByRole('dialog');
    expect(confirm).toHaveTextContent('已计算的补贴不变');
    await user.click(within(confirm).getByRole('button', { name: buttonName('停用') }));
    await waitFor(() => expect(api.callsTo('PATCH /api/training/subsidies/rules/r-1')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/training/subsidies/rules/r-1')[0].body).toEqual({ active: false });
  });

  it('shows the table read-only without training:rules', async () => {
    const { row } = await openRules(['training:read', 'training:approve']);
    expect(within(row).queryByRole('button', { name: buttonName('修改') })).toBeNull();
    expect(screen.queryByRole('button', { name: buttonName('新增补贴标准') })).toBeNull();
  });
});

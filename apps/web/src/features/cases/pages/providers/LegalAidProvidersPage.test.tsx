import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LegalAidProvider } from '../../api';
import { mockApi, problem } from '../../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../../test/render';
import LegalAidProvidersPage from './LegalAidProvidersPage';

const lawyer: LegalAidProvider = {
  id: 'p-1',
  kind: 'lawyer',
  name: '赵律师',
  organisation: '云南某律师事务所',
  practiceNo: '15301201010123456',
  phone: '0871-12345678',
  regionCode: '530102001',
  regionName: '五华区华山街道',
  active: true,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
};
const centre: LegalAidProvider = {
  ...lawyer,
  id: 'p-2',
  kind: 'organisation',
  name: '五华区法律援助中心',
  organisation: null,
  practiceNo: null,
  active: false,
};

describe('LegalAidProvidersPage', () => {
  it('lists the providers and searches by name, organisation or practice number', async () => {
    const net = mockApi({
      'GET /api/rights/legal-aid-providers': (call) =>
        call.query.get('q') === '律师事务所'
          ? { items: [lawyer], total: 1, page: 1, pageSize: 20 }
          : { items: [lawyer, centre], total: 2, page: 1, pageSize: 20 },
    });
    const { user } = renderWithProviders(<LegalAidProvidersPage />, { permissions: ['rights:read'] });
    expect(await screen.findByText('五华区法律援助中心')).toBeInTheDocument();
    expect(screen.getByText('15301201010123456')).toBeInTheDocument();
    expect(screen.getByText('停用')).toBeInTheDocument();
    expect(screen.getByText('共 2 个')).toBeInTheDocument();
    // Read-only users see no 登记 / 修改.
    expect(screen.queryByRole('button', { name: buttonName('登记机构或律师') })).toBeNull();
    const search = screen.getByPlaceholderText('名称、执业机构或执业证号');
    await fill(user, search, '律师事务所');
    await user.type(search, '{Enter}');
    await waitFor(() => expect(screen.queryByText('五华区法律援助中心')).toBeNull());
    expect(net.callsTo('GET /api/rights/legal-aid-providers').at(-1)!.query.get('q')).toBe('律师事务所');
  });

  it('edits a provider and shows a refusal in Chinese; a new lawyer needs a practice number', async () => {
    let puts = 0;
    const net = mockApi({
      'GET /api/rights/legal-aid-providers': { items: [lawyer], total: 1, page: 1, pageSize: 20 },
      'PUT /api/rights/legal-aid-providers/p-1': () =>
        ++puts === 1
          ? problem(409, { detail: '执业证号 15301201010123456 已登记', code: 'DUPLICATE_PRACTICE_NO' })
          : { ...lawyer, name: '赵大律师' },
    });
    const { user } = renderWithProviders(<LegalAidProvidersPage />, { permissions: ['rights:read', 'rights:handle'] });
    await user.click(await screen.findByTestId('edit-p-1'));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText('律师姓名');
    await user.clear(name);
    await fill(user, name, '赵大律师');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    expect(await screen.findByText('执业证号 15301201010123456 已登记')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    await waitFor(() => expect(net.callsTo('PUT /api/rights/legal-aid-providers/p-1')).toHaveLength(2));
    expect(net.callsTo('PUT /api/rights/legal-aid-providers/p-1')[1].body).toEqual({
      kind: 'lawyer',
      name: '赵大律师',
      organisation: '云南某律师事务所',
      practiceNo: '15301201010123456',
      phone: '0871-12345678',
      regionCode: '530102001',
      active: true,
    });
    expect(await screen.findByText('已保存')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: buttonName('登记机构或律师') }));
    const create = await screen.findByRole('dialog', { name: '登记法律援助机构或律师' });
    await user.click(within(create).getByRole('button', { name: buttonName('登记') }));
    expect(await within(create).findByText('律师须填写执业证号')).toBeInTheDocument();
    expect(within(create).getByText('请填写名称或姓名')).toBeInTheDocument();
    expect(net.callsTo('POST /api/rights/legal-aid-providers')).toHaveLength(0);
  });
});

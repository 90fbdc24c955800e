import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import type { MediationOrg } from '../api';
import MediationOrgsPage from './MediationOrgsPage';

const org = (over: Partial<MediationOrg>): MediationOrg => ({
  id: 'o-1',
  kind: 'township',
  kindName: '乡镇街道劳动争议调解组织',
  name: '华山街道劳动争议调解委员会',
  regionCode: '530102001',
  regionName: '华山街道',
  contact: '0871-00000000',
  mediators: ['王调解', '赵调解'],
  active: true,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  ...over,
});

const page = (items: MediationOrg[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('MediationOrgsPage', () => {
  it('lists the organisations with their kind, mediators and status, and searches by name', async () => {
    const net = mockApi({
      'GET /api/rights/mediation-orgs': page([
        org({}),
        org({ id: 'o-2', kind: 'union', kindName: '工会调解组织', name: '五华区总工会调解委员会', active: false }),
      ]),
    });
    const { user } = renderWithProviders(<MediationOrgsPage />, { permissions: ['rights:read'] });
    expect(await screen.findByText('华山街道劳动争议调解委员会')).toBeInTheDocument();
    expect(screen.getAllByText('王调解、赵调解')).toHaveLength(2);
    expect(screen.getByText('已停用')).toBeInTheDocument();
    expect(screen.queryByText('登记调解组织')).not.toBeInTheDocument(); // read-only without rights:handle
    await fill(user, screen.getByPlaceholderText('搜索调解组织名称'), '工会');
    await user.click(screen.getByRole('button', { name: buttonName('搜索') }));
    await waitFor(() =>
      expect(net.callsTo('GET /api/rights/mediation-orgs').some((c) => c.query.get('q') === '工会')).toBe(true),
    );
  });

  it('edits an organisation; a duplicate name shows the Chinese message', async () => {
    let calls = 0;
    const net = mockApi({
      'GET /api/rights/mediation-orgs': page([org({})]),
      'PUT /api/rights/mediation-orgs/o-1': () =>
        ++calls === 1
          ? problem(409, { detail: '本区（县）已有名为「五华区商会调解委员会」的调解组织' })
          : org({ name: '华山街道调解委员会', mediators: ['王调解'] }),
    });
    const { user } = renderWithProviders(<MediationOrgsPage />, { permissions: ['rights:read', 'rights:handle'] });
    await user.click(await screen.findByRole('button', { name: buttonName('编辑') }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText('名称');
    await user.clear(name);
    await fill(user, name, '五华区商会调解委员会');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    expect(await screen.findByText('本区（县）已有名为「五华区商会调解委员会」的调解组织')).toBeInTheDocument();
    await user.clear(name);
    await fill(user, name, '华山街道调解委员会');
    const mediators = within(dialog).getByLabelText('调解员');
    await user.clear(mediators);
    await fill(user, mediators, '王调解');
    await user.click(within(dialog).getByRole('button', { name: buttonName('保存') }));
    await waitFor(() => expect(net.callsTo('PUT /api/rights/mediation-orgs/o-1')).toHaveLength(2));
    expect(net.callsTo('PUT /api/rights/mediation-orgs/o-1')[1].body).toEqual({
      kind: 'township',
      name: '华山街道调解委员会',
      contact: '0871-00000000',
      mediators: ['王调解'],
    });
  });

  it('deactivates only after confirmation', async () => {
    const net = mockApi({
      'GET /api/rights/mediation-orgs': page([org({})]),
      'POST /api/rights/mediation-orgs/o-1/deactivate': org({ active: false }),
    });
    const { user } = renderWithProviders(<MediationOrgsPage />, { permissions: ['rights:read', 'rights:handle'] });
    await user.click(await screen.findByRole('button', { name: buttonName('停用') }));
    expect((await screen.findAllByText('确认停用「华山街道劳动争议调解委员会」？')).length).toBeGreaterThan(0);
    expect(net.callsTo('POST /api/rights/mediation-orgs/o-1/deactivate')).toHaveLength(0);
    const confirm = screen.getAllByRole('button', { name: buttonName('停用') }).at(-1)!;
    await user.click(confirm);
    await waitFor(() => expect(net.callsTo('POST /api/rights/mediation-orgs/o-1/deactivate')).toHaveLength(1));
    expect(await screen.findByText('已停用')).toBeInTheDocument();
  });
});

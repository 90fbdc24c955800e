import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import { DisputeModal } from './DisputeModal';

const org = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'township',
  kindName: '乡镇街道劳动争议调解组织',
  name: '华山街道劳动争议调解委员会',
  regionCode: '530102001',
  regionName: '华山街道',
  contact: null,
  mediators: [],
  active: true,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
};

describe('DisputeModal (登记调解申请)', () => {
  it('files a mediation, declaring a migrant worker; says when it is on the green channel', async () => {
    const net = mockApi({
      'GET /api/rights/mediation-orgs': { items: [org], total: 1, page: 1, pageSize: 200 },
      'POST /api/rights/mediations': {
        id: 'c-9',
        tags: [{ code: 'green_channel', label: '绿色通道', priority: true }],
      },
    });
    const onFiled = vi.fn();
    const { user } = renderWithProviders(
      <DisputeModal kind="mediation" onClose={() => undefined} onFiled={onFiled} />,
      {
        permissions: ['rights:read', 'rights:handle'],
      },
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('登记调解申请')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('调解组织'), '华山');
    await user.click(await screen.findByTitle('华山街道劳动争议调解委员会'));
    await fill(user, within(dialog).getByLabelText('申请人姓名'), '李四');
    await user.click(within(dialog).getByLabelText(/申请人为农民工/));
    await fill(user, within(dialog).getByLabelText('被申请人（用人单位）'), '昆明某建筑劳务有限公司');
    await fill(user, within(dialog).getByLabelText('请求金额（元）'), '12500');
    await fill(user, within(dialog).getByLabelText('请求事项与事实理由'), '请求支付工资');
    await user.click(within(dialog).getByRole('button', { name: buttonName('登记') }));
    await waitFor(() => expect(onFiled).toHaveBeenCalledWith('c-9'));
    expect(net.callsTo('POST /api/rights/mediations').map((c) => c.body)).toEqual([
      {
        orgId: org.id,
        applicantName: '李四',
        phone: null,
        migrantWorker: true,
        employerName: '昆明某建筑劳务有限公司',
        claims: [{ kind: 'wages', amountFen: 1_250_000, description: '' }],
        summary: '请求支付工资',
      },
    ]);
    expect(await screen.findByText('已登记（绿色通道）')).toBeInTheDocument();
  });
});

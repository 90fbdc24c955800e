import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import ComplaintPage from './ComplaintPage';

describe('ComplaintPage (网上投诉, no account)', () => {
  it('files a complaint with the fields a worker fills in and shows the receipt number', async () => {
    const net = mockApi({
      'GET /api/public/complaint-regions': [{ code: '530102', name: '五华区' }],
      'POST /api/public/complaints': () => json({ receiptNo: '530102-20261206-K7M3Q9', decideBy: '2026-12-11' }, 201),
    });
    const { user } = renderWithProviders(<ComplaintPage />, { permissions: null });
    await user.click(screen.getByLabelText('用工单位或工地所在地'));
    await user.click(await screen.findByTitle('五华区'));
    await fill(user, screen.getByLabelText('被投诉单位'), '华山某建筑劳务公司');
    await fill(user, screen.getByLabelText('涉及金额（元，可不填）'), '8600');
    await fill(user, screen.getByLabelText('具体情况'), '在工地干了三个月，工资没有结清');
    await fill(user, screen.getByLabelText('您的姓名'), '王五');
    await fill(user, screen.getByLabelText('手机号码'), '13987654321');
    await user.click(screen.getByRole('button', { name: buttonName('提交投诉') }));
    expect(await screen.findByTestId('receipt-no')).toHaveTextContent('530102-20261206-K7M3Q9');
    expect(screen.getByText('人社部门将在 2026-12-11 前决定是否受理。')).toBeInTheDocument();
    expect(net.callsTo('POST /api/public/complaints')[0].body).toEqual({
      regionCode: '530102',
      complainantName: '王五',
      phone: '13987654321',
      groupSize: null,
      employerName: '华山某建筑劳务公司',
      projectName: null,
      claims: [{ kind: 'wages', amountFen: 860_000, description: '' }],
      summary: '在工地干了三个月，工资没有结清',
    });
  });

  it('refuses a phone number that is not 11 digits, without sending anything', async () => {
    const net = mockApi({ 'GET /api/public/complaint-regions': [{ code: '530102', name: '五华区' }] });
    const { user } = renderWithProviders(<ComplaintPage />, { permissions: null });
    await fill(user, screen.getByLabelText('手机号码'), '1398765');
    await user.click(screen.getByRole('button', { name: buttonName('提交投诉') }));
    expect(await screen.findByText('请填写 11 位手机号码')).toBeInTheDocument();
    expect(await screen.findByText('请选择所在地')).toBeInTheDocument();
    expect(net.callsTo('POST /api/public/complaints')).toHaveLength(0);
  });
});

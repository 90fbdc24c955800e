import { screen } from '@testing-library/react';
import { Button, Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { buttonName, fill, renderWithProviders } from '../test/render';
import { ClaimItems, claimsOf, MobilePhoneItem, SummaryItem } from './complaintFields';

function Harness({ onFinish, kindMessage }: { onFinish: (v: unknown) => void; kindMessage?: string }) {
  return (
    <Form layout="vertical" onFinish={onFinish}>
      <MobilePhoneItem label="联系电话" />
      <ClaimItems kindLabel="诉求类别" kindMessage={kindMessage} amountLabel="诉求金额（元）" />
      <SummaryItem label="投诉事项" message="请填写投诉事项" placeholder="在哪里干活" />
      <Button htmlType="submit">登记</Button>
    </Form>
  );
}

describe('the shared complaint fields', () => {
  it('turns the claim kind and an amount in 元 into the one claim of the request', () => {
    expect(claimsOf('wages', '3,000.5')).toEqual([{ kind: 'wages', amountFen: 300_050, description: '' }]);
    expect(claimsOf('insurance')).toEqual([{ kind: 'insurance', amountFen: null, description: '' }]);
    expect(claimsOf('wages', '')).toEqual([{ kind: 'wages', amountFen: null, description: '' }]);
  });

  it('asks for an 11-digit mobile number, the claim kind and the text, and checks the amount', async () => {
    const onFinish = vi.fn();
    const { user } = renderWithProviders(<Harness onFinish={onFinish} kindMessage="请选择诉求类别" />);
    expect(screen.getByPlaceholderText('在哪里干活')).toBeInTheDocument();
    await fill(user, screen.getByLabelText('联系电话'), '1361234');
    await fill(user, screen.getByLabelText('诉求金额（元）'), '1.234');
    await user.click(screen.getByRole('button', { name: buttonName('登记') }));
    expect(await screen.findByText('请填写 11 位手机号码')).toBeInTheDocument();
    expect(await screen.findByText('请选择诉求类别')).toBeInTheDocument();
    expect(await screen.findByText('请填写投诉事项')).toBeInTheDocument();
    expect(await screen.findByText('金额最多保留两位小数（精确到分）')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('hands the values over under the names the complaint forms send', async () => {
    const onFinish = vi.fn();
    const { user } = renderWithProviders(<Harness onFinish={onFinish} />);
    await fill(user, screen.getByLabelText('联系电话'), '13612345678');
    await user.click(screen.getByLabelText('诉求类别'));
    await user.click(await screen.findByTitle('拖欠工资'));
    await fill(user, screen.getByLabelText('诉求金额（元）'), '8600');
    await fill(user, screen.getByLabelText('投诉事项'), '三个月工资没有结清');
    await user.click(screen.getByRole('button', { name: buttonName('登记') }));
    await vi.waitFor(() =>
      expect(onFinish).toHaveBeenCalledWith({
        phone: '13612345678',
        claimKind: 'wages',
        amount: '8600',
        summary: '三个月工资没有结清',
      }),
    );
  });
});

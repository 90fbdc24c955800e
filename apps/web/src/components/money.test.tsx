import { screen } from '@testing-library/react';
import { Button, Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { buttonName, fill, renderWithProviders } from '../test/render';
import { fenToInput, formatBp, formatFen, formatYuanText, inputToFen, Yuan, yuanRule } from './money';

describe('money formatting', () => {
  it('shows 分 as grouped 元 with two decimals, and — when missing', () => {
    expect(formatFen(123450)).toBe('1,234.50');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
    expect(formatFen(1.5)).toBe('—');
    expect(formatYuanText(100000000)).toBe('1,000,000.00 元');
    expect(formatYuanText(null)).toBe('—');
  });

  it('puts an amount into an input without grouping and reads typed 元 back as 分', () => {
    expect(fenToInput(123450)).toBe('1234.50');
    expect(fenToInput(null)).toBe('');
    expect(inputToFen('1,234.5')).toBe(123450);
    expect(inputToFen('¥12元')).toBe(1200);
    expect(inputToFen('-3.2', true)).toBe(-320);
    expect(() => inputToFen('-3.2')).toThrow('金额不能为负数');
    expect(() => inputToFen('1.234')).toThrow('金额最多保留两位小数（精确到分）');
    expect(() => inputToFen('')).toThrow('请输入金额');
  });

  it('shows basis points as a percentage', () => {
    expect(formatBp(250)).toBe('2.5%');
    expect(formatBp(1000)).toBe('10%');
    expect(formatBp(5)).toBe('0.05%');
    expect(formatBp(null)).toBe('—');
  });

  it('renders <Yuan/> as the formatted amount', () => {
    renderWithProviders(<Yuan fen={987654321} type="danger" />);
    expect(screen.getByText('9,876,543.21')).toBeInTheDocument();
  });
});

describe('yuanRule in a form', () => {
  function AmountForm({ onFinish, ...options }: Parameters<typeof yuanRule>[0] & { onFinish: (v: unknown) => void }) {
    return (
      <Form onFinish={onFinish}>
        <Form.Item name="amount" label="合同金额" rules={[yuanRule(options)]}>
          <Input />
        </Form.Item>
        <Button htmlType="submit">提交</Button>
      </Form>
    );
  }

  it('asks for the amount by its label, then explains a bad one in Chinese', async () => {
    const onFinish = vi.fn();
    const { user } = renderWithProviders(
      <AmountForm label="合同金额" positive maxFen={100_000_00} onFinish={onFinish} />,
    );
    await user.click(screen.getByRole('button', { name: buttonName('提交') }));
    expect(await screen.findByText('请输入合同金额')).toBeInTheDocument();

    const input = screen.getByLabelText('合同金额');
    await fill(user, input, '12.345');
    expect(await screen.findByText('金额最多保留两位小数（精确到分）')).toBeInTheDocument();
    await fill(user, input, '0');
    expect(await screen.findByText('合同金额应大于 0')).toBeInTheDocument();
    await fill(user, input, '100000.01');
    expect(await screen.findByText('合同金额不能超过 100,000.00 元')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();

    await fill(user, input, '99,999.99');
    await user.click(screen.getByRole('button', { name: buttonName('提交') }));
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledWith({ amount: '99,999.99' }));
  });

  it('accepts an empty optional amount', async () => {
    const onFinish = vi.fn();
    const { user } = renderWithProviders(<AmountForm required={false} onFinish={onFinish} />);
    await user.click(screen.getByRole('button', { name: buttonName('提交') }));
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalled());
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { buttonName, renderWithProviders } from '../test/render';
import { TotpCodeForm } from './TotpCodeForm';

describe('TotpCodeForm', () => {
  it('keeps only digits, at most six, and asks for a complete code', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    const { user } = renderWithProviders(<TotpCodeForm submitText="验证" onSubmit={onSubmit} />);
    const input = screen.getByLabelText('动态口令');
    expect(screen.getByText('请输入身份验证器应用中显示的 6 位数字')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: buttonName('验证') }));
    expect(await screen.findByText('请输入 6 位动态口令')).toBeInTheDocument();

    await user.type(input, '12a 3');
    expect(input).toHaveValue('123');
    await user.click(screen.getByRole('button', { name: buttonName('验证') }));
    expect(await screen.findByText('动态口令为 6 位数字')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.type(input, '4567');
    expect(input).toHaveValue('123456');
    await user.click(screen.getByRole('button', { name: buttonName('验证') }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith('123456'));
  });

  it('clears the code and shows the server message when it is refused', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(401, { detail: '动态口令错误或已过期' }, '未登录'));
    const { user } = renderWithProviders(<TotpCodeForm submitText="验证" onSubmit={onSubmit} />);
    const input = screen.getByLabelText('动态口令');
    await user.type(input, '654321');
    await user.click(screen.getByRole('button', { name: buttonName('验证') }));
    expect(await screen.findByText('动态口令错误或已过期')).toBeInTheDocument();
    expect(input).toHaveValue('');
  });
});

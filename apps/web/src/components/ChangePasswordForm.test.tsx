import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, problem } from '../test/api';
import { buttonName, fill, renderWithProviders } from '../test/render';
import { ChangePasswordForm } from './ChangePasswordForm';

/** The policy rule's state as the user sees it: a green check or a grey cross. */
function ruleState(text: string): 'ok' | 'bad' | 'server' {
  const row = screen.getByText(text).closest('.ant-space') as HTMLElement;
  if (within(row).queryByRole('img', { name: 'check-circle' })) return 'ok';
  if (within(row).queryByRole('img', { name: 'close-circle' })) return 'bad';
  return 'server';
}

describe('ChangePasswordForm', () => {
  it('shows the password policy ticking off as the new password is entered', async () => {
    const { user } = renderWithProviders(<ChangePasswordForm username="zhangsan" onChanged={vi.fn()} />);
    expect(screen.getByText('密码要求')).toBeInTheDocument();
    expect(ruleState('长度不少于 12 位')).toBe('bad');
    expect(ruleState('至少包含大写字母、小写字母、数字、特殊符号中的 3 类')).toBe('bad');
    expect(ruleState('不得包含用户名')).toBe('bad');
    expect(ruleState('不得使用常见弱密码')).toBe('server');
    expect(ruleState('不得与最近 5 次使用过的密码相同')).toBe('server');

    const input = screen.getByLabelText('新密码');
    await fill(user, input, 'kunming20251');
    expect(ruleState('长度不少于 12 位')).toBe('ok');
    expect(ruleState('至少包含大写字母、小写字母、数字、特殊符号中的 3 类')).toBe('bad');
    await fill(user, input, 'ZhangSan2025');
    expect(ruleState('长度不少于 12 位')).toBe('ok');
    expect(ruleState('至少包含大写字母、小写字母、数字、特殊符号中的 3 类')).toBe('ok');
    expect(ruleState('不得包含用户名')).toBe('bad');

    await fill(user, input, 'Kunming-2025');
    expect(ruleState('不得包含用户名')).toBe('ok');
  });

  it('refuses a weak, unchanged or mistyped new password in Chinese', async () => {
    const net = mockApi();
    const { user } = renderWithProviders(<ChangePasswordForm onChanged={vi.fn()} />);
    const submit = screen.getByRole('button', { name: buttonName('修改密码') });
    await user.click(submit);
    expect(await screen.findByText('请输入当前密码')).toBeInTheDocument();
    expect(screen.getByText('请输入新密码')).toBeInTheDocument();
    expect(screen.getByText('请再次输入新密码')).toBeInTheDocument();

    await fill(user, screen.getByLabelText('当前密码'), 'Old-Password-1');
    const newPassword = screen.getByLabelText('新密码');
    await fill(user, newPassword, 'short1A');
    expect(await screen.findByText('新密码长度不少于 12 位')).toBeInTheDocument();
    await fill(user, newPassword, 'alllowercase123');
    expect(await screen.findByText('新密码至少包含大写字母、小写字母、数字、特殊符号中的 3 类')).toBeInTheDocument();
    await fill(user, newPassword, 'Old-Password-1');
    expect(await screen.findByText('新密码不能与当前密码相同')).toBeInTheDocument();
    await fill(user, newPassword, 'New-Password-2');
    await fill(user, screen.getByLabelText('确认新密码'), 'New-Password-3');
    expect(await screen.findByText('两次输入的新密码不一致')).toBeInTheDocument();
    await user.click(submit);
    expect(net.calls).toHaveLength(0);
  });

  it('posts the old and new password and reports the next stage', async () => {
    const net = mockApi({ 'POST /api/auth/password': { stage: 'done' } });
    const onChanged = vi.fn();
    const { user } = renderWithProviders(
      <ChangePasswordForm submitText="保存新密码" oldPasswordLabel="初始密码" onChanged={onChanged} />,
    );
    await fill(user, screen.getByLabelText('初始密码'), 'Old-Password-1');
    await fill(user, screen.getByLabelText('新密码'), 'New-Password-2');
    await fill(user, screen.getByLabelText('确认新密码'), 'New-Password-2');
    await user.click(screen.getByRole('button', { name: buttonName('保存新密码') }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledWith('done'));
    expect(net.callsTo('POST /api/auth/password').map((c) => c.body)).toEqual([
      { oldPassword: 'Old-Password-1', newPassword: 'New-Password-2' },
    ]);
    // The form is emptied once the password has changed (after onChanged: wait for the re-render).
    await vi.waitFor(() => expect(screen.getByLabelText('新密码')).toHaveValue(''));
  });

  it('shows the server refusal under the field it names', async () => {
    mockApi({
      'POST /api/auth/password': problem(422, {
        code: 'PASSWORD_POLICY',
        detail: '新密码不符合密码策略',
        errors: [{ path: 'newPassword', message: '不得与最近 5 次使用过的密码相同' }],
      }),
    });
    const onChanged = vi.fn();
    const { user } = renderWithProviders(<ChangePasswordForm onChanged={onChanged} />);
    await fill(user, screen.getByLabelText('当前密码'), 'Old-Password-1');
    await fill(user, screen.getByLabelText('新密码'), 'New-Password-2');
    await fill(user, screen.getByLabelText('确认新密码'), 'New-Password-2');
    await user.click(screen.getByRole('button', { name: buttonName('修改密码') }));
    expect(await screen.findByText('新密码不符合密码策略')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText('新密码')).toHaveAccessibleDescription('不得与最近 5 次使用过的密码相同'),
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});

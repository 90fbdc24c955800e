import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { resetUserPassword, unlockUser, updateUser, systemKeys } from '../../api';
import type { User } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';

/** Confirmed row actions of the users table (disable/enable, reset password, unlock). */
export function useUserActions(onPasswordReset: (user: User, password: string) => void) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: systemKeys.usersAll });

  const setStatus = useMutation({
    mutationFn: ({ user, status }: { user: User; status: User['status'] }) => updateUser(user.id, { status }),
    onSuccess: (_, { status }) => {
      message.success(status === 'disabled' ? '用户已停用' : '用户已启用');
      refresh();
    },
    onError: (err) => showApiError(err),
  });
  const reset = useMutation({
    mutationFn: (user: User) => resetUserPassword(user.id),
    onSuccess: (res, user) => {
      refresh();
      onPasswordReset(user, res.initialPassword);
    },
    onError: (err) => showApiError(err),
  });
  const unlock = useMutation({
    mutationFn: (user: User) => unlockUser(user.id),
    onSuccess: () => {
      message.success('账户已解锁');
      refresh();
    },
    onError: (err) => showApiError(err),
  });

  const confirmToggle = (user: User) => {
    const disabling = user.status === 'active';
    modal.confirm({
      title: disabling ? '停用用户' : '启用用户',
      content: disabling
        ? `确认停用“${user.displayName}（${user.username}）”？停用后该用户将无法登录，已登录的会话也将失效。`
        : `确认启用“${user.displayName}（${user.username}）”？启用后该用户可以重新登录。`,
      okText: disabling ? '停用' : '启用',
      okButtonProps: { danger: disabling },
      cancelText: '取消',
      onOk: () => setStatus.mutateAsync({ user, status: disabling ? 'disabled' : 'active' }).catch(() => undefined),
    });
  };

  const confirmReset = (user: User) =>
    modal.confirm({
      title: '重置密码',
      content: `确认重置“${user.displayName}（${user.username}）”的密码？原密码将立即失效，系统将生成新的一次性初始密码，用户登录后须修改。`,
      okText: '重置',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => reset.mutateAsync(user).catch(() => undefined),
    });

  const confirmUnlock = (user: User) =>
    modal.confirm({
      title: '解锁账户',
      content: `确认解锁“${user.displayName}（${user.username}）”？解锁后该用户可以立即重新尝试登录。`,
      okText: '解锁',
      cancelText: '取消',
      onOk: () => unlock.mutateAsync(user).catch(() => undefined),
    });

  return { confirmToggle, confirmReset, confirmUnlock };
}

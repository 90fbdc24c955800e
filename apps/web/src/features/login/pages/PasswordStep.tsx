import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useMe } from '../../../auth/MeProvider';
import { refreshMe } from '../../../auth/session';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';

/** Forced password change (stage `password_change`). */
export default function PasswordStep() {
  const qc = useQueryClient();
  const { user } = useMe();
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="请修改密码"
        description="首次登录、密码已被重置或已过期时，须先设置新密码才能继续使用系统。"
      />
      <ChangePasswordForm
        username={user?.username}
        submitText="修改密码并继续"
        onChanged={async () => {
          await refreshMe(qc);
        }}
      />
    </>
  );
}

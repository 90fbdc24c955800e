import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCan } from './MeProvider';

export function ForbiddenResult() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle="抱歉，您没有访问此页面的权限。如需开通，请联系安全管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

/** Render children only when the signed-in user holds `permission`; otherwise a 403 result. */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const can = useCan();
  if (permission && !can(permission)) return <ForbiddenResult />;
  return <>{children}</>;
}

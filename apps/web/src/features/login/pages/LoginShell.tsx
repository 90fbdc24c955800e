import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Steps, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { FullPageSpin } from '../../../auth/guards';
import { signOut } from '../../../auth/session';
import { DemoBanner } from '../../../components/DemoBanner';
import { useSystemInfo } from '../../../components/useSystemInfo';

const PLATFORM_NAME = '农民工服务管理平台';

function stepIndex(pathname: string): number {
  if (pathname.startsWith('/login/password')) return 1;
  if (pathname.startsWith('/login/totp')) return 2;
  return 0;
}

/** Frame of all sign-in pages: platform name, city, demo warning, steps. */
export default function LoginShell() {
  const { data: info } = useSystemInfo();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const step = stepIndex(location.pathname);

  return (
    <Flex vertical style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)' }}>
      <DemoBanner />
      <Flex flex={1} align="center" justify="center" style={{ padding: '32px 16px' }}>
        <div style={{ width: '100%', maxWidth: step === 0 ? 420 : 520 }}>
          <Flex vertical align="center" style={{ marginBottom: 24 }}>
            <Typography.Title level={2} style={{ margin: 0, color: '#1d3b72' }}>
              {info?.name || PLATFORM_NAME}
            </Typography.Title>
            {info?.city && (
              <Tag icon={<EnvironmentOutlined />} color="blue" style={{ marginTop: 8 }} data-testid="login-city">
                {info.city.name}
              </Tag>
            )}
          </Flex>
          <Card variant="borderless" style={{ boxShadow: '0 6px 24px rgba(29, 59, 114, 0.12)' }}>
            {step > 0 && (
              <Steps
                size="small"
                current={step}
                style={{ marginBottom: 24 }}
                items={[{ title: '账号登录' }, { title: '修改密码' }, { title: '动态口令' }]}
              />
            )}
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
            {step > 0 && (
              <Flex justify="center" style={{ marginTop: 16 }}>
                <Button type="link" onClick={() => void signOut(qc, navigate)}>
                  退出并使用其他账号登录
                </Button>
              </Flex>
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24, fontSize: 12 }}>
            仅限授权人员使用，所有操作均记录审计日志
          </Typography.Paragraph>
        </div>
      </Flex>
    </Flex>
  );
}

import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { stagePaths } from '../api/labels';
import type { Stage } from '../api/types';
import { errorText } from '../components/feedback';
import { useMe } from './MeProvider';
import { peekReturnTo, rememberReturnTo } from './returnTo';

export function FullPageSpin({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" tip={tip}>
        <div style={{ width: 160, height: 80 }} />
      </Spin>
    </div>
  );
}

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Result
      status="error"
      title="无法获取登录状态"
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={retry}>
          重试
        </Button>
      }
    />
  );
}

/** Where a session in `stage` belongs (a finished sign-in continues where the user was heading). */
export function pathForStage(stage: Stage | null): string {
  if (stage === 'done') return peekReturnTo();
  return stage ? stagePaths[stage] : '/login';
}

/** Area behind sign-in: requires a session whose stage is `done`. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, isLoading, error, refresh } = useMe();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (session === undefined && error) return <SessionError error={error} retry={() => void refresh()} />;
  if (!session) {
    rememberReturnTo(location.pathname + location.search);
    return <Navigate to="/login" replace />;
  }
  if (session.stage !== 'done') return <Navigate to={pathForStage(session.stage)} replace />;
  if (!session.user) return <SessionError error={new Error('服务器未返回当前用户信息')} retry={() => void refresh()} />;
  return <>{children}</>;
}

/** A sign-in step page: only reachable while the session is in `stage`. */
export function RequireStage({ stage, children }: { stage: Stage; children: ReactNode }) {
  const { session, isLoading, error, refresh } = useMe();
  if (isLoading) return <FullPageSpin />;
  if (session === undefined && error) return <SessionError error={error} retry={() => void refresh()} />;
  if (!session) return <Navigate to="/login" replace />;
  if (session.stage !== stage) return <Navigate to={pathForStage(session.stage)} replace />;
  return <>{children}</>;
}

/** The login form: a session already under way continues at its stage. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { session, isLoading } = useMe();
  if (isLoading) return <FullPageSpin />;
  if (session) return <Navigate to={pathForStage(session.stage)} replace />;
  return <>{children}</>;
}

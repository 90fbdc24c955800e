import { Button, Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useNavigate } from 'react-router-dom';
import { queryClient } from './api/queryClient';
import { FullPageSpin, RedirectIfSignedIn, RequireSession, RequireStage } from './auth/guards';
import { RequirePermission } from './auth/RequirePermission';
import { installAuthHandlers } from './auth/session';
import AppLayout from './layout/AppLayout';
import { APP_ROUTES, PUBLIC_ROUTES, type AppRoute } from './routes';

const LoginShell = lazy(() => import('./features/login/pages/LoginShell'));
const LoginPage = lazy(() => import('./features/login/pages/LoginPage'));
const PasswordStep = lazy(() => import('./features/login/pages/PasswordStep'));
const TotpEnrollStep = lazy(() => import('./features/login/pages/TotpEnrollStep'));
const TotpVerifyStep = lazy(() => import('./features/login/pages/TotpVerifyStep'));

/** A page behind every permission its route names (each refused one shows the 403 result). */
function guarded({ page: Page, permissions = [] }: AppRoute): ReactNode {
  return permissions.reduceRight<ReactNode>(
    (inner, permission) => <RequirePermission permission={permission}>{inner}</RequirePermission>,
    <Page />,
  );
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle="您访问的页面不存在"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  // Public pages (the QR code on a site's notice board; the defaulter list): no sign-in.
  ...PUBLIC_ROUTES.map(({ path, page: Page }) => ({ path, element: <Page /> })),
  // Any other address under /public (a public path: no session is asked for) lands on /public.
  { path: '/public/*', element: <Navigate to="/public" replace /> },
  {
    path: '/login',
    element: <LoginShell />,
    children: [
      {
        index: true,
        element: (
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        path: 'password',
        element: (
          <RequireStage stage="password_change">
            <PasswordStep />
          </RequireStage>
        ),
      },
      {
        path: 'totp-enroll',
        element: (
          <RequireStage stage="totp_enroll">
            <TotpEnrollStep />
          </RequireStage>
        ),
      },
      {
        path: 'totp',
        element: (
          <RequireStage stage="totp">
            <TotpVerifyStep />
          </RequireStage>
        ),
      },
    ],
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      ...APP_ROUTES.map((route) =>
        route.path === '/'
          ? { index: true, element: guarded(route) }
          : { path: route.path.slice(1), element: guarded(route) },
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

installAuthHandlers(queryClient, (to, opts) => router.navigate(to, opts));

export default function App() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <RouterProvider router={router} />
    </Suspense>
  );
}

import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider, useNavigate } from 'react-router-dom';
import { queryClient } from './api/queryClient';
import { FullPageSpin, RedirectIfSignedIn, RequireSession, RequireStage } from './auth/guards';
import { RequirePermission } from './auth/RequirePermission';
import { installAuthHandlers } from './auth/session';
import AppLayout from './layout/AppLayout';

const LoginShell = lazy(() => import('./pages/login/LoginShell'));
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const PasswordStep = lazy(() => import('./pages/login/PasswordStep'));
const TotpEnrollStep = lazy(() => import('./pages/login/TotpEnrollStep'));
const TotpVerifyStep = lazy(() => import('./pages/login/TotpVerifyStep'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage'));
const DepartmentsPage = lazy(() => import('./pages/departments/DepartmentsPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const RolesPage = lazy(() => import('./pages/roles/RolesPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const WorkersPage = lazy(() => import('./pages/workers/WorkersPage'));
const WorkerFormPage = lazy(() => import('./pages/workers/WorkerFormPage'));
const WorkerProfilePage = lazy(() => import('./pages/workers/WorkerProfilePage'));
const EmployersPage = lazy(() => import('./pages/employers/EmployersPage'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage'));

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
      { index: true, element: <HomePage /> },
      {
        path: 'workers',
        element: (
          <RequirePermission permission="registry:read">
            <WorkersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'workers/new',
        element: (
          <RequirePermission permission="registry:read">
            <RequirePermission permission="registry:write">
              <WorkerFormPage />
            </RequirePermission>
          </RequirePermission>
        ),
      },
      {
        path: 'workers/:id',
        element: (
          <RequirePermission permission="registry:read">
            <WorkerProfilePage />
          </RequirePermission>
        ),
      },
      {
        path: 'workers/:id/edit',
        element: (
          <RequirePermission permission="registry:read">
            <RequirePermission permission="registry:write">
              <WorkerFormPage />
            </RequirePermission>
          </RequirePermission>
        ),
      },
      {
        path: 'employers',
        element: (
          <RequirePermission permission="registry:read">
            <EmployersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequirePermission permission="registry:import">
            <ImportsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'regions',
        element: (
          <RequirePermission permission="regions:read">
            <RegionsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'departments',
        element: (
          <RequirePermission permission="departments:read">
            <DepartmentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission permission="users:read">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'roles',
        element: (
          <RequirePermission permission="roles:read">
            <RolesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit:read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'account', element: <AccountPage /> },
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

import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useNavigate } from 'react-router-dom';
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
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage'));
const ProjectDetailPage = lazy(() => import('./pages/projects/ProjectDetailPage'));
const WarningsPage = lazy(() => import('./pages/warnings/WarningsPage'));
const WarningDetailPage = lazy(() => import('./pages/warnings/WarningDetailPage'));
const ArrearsPage = lazy(() => import('./pages/arrears/ArrearsPage'));
const ArrearsDetailPage = lazy(() => import('./pages/arrears/ArrearsDetailPage'));
const DefaultersPage = lazy(() => import('./pages/defaulters/DefaultersPage'));
const WagesDashboardPage = lazy(() => import('./pages/wagesDashboard/WagesDashboardPage'));
const WageLookupPage = lazy(() => import('./pages/public/WageLookupPage'));
const PublicDefaultersPage = lazy(() => import('./pages/public/PublicDefaultersPage'));
const PublicHomePage = lazy(() => import('./pages/public/PublicHomePage'));

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
  { path: '/wage-lookup', element: <WageLookupPage /> },
  { path: '/public', element: <PublicHomePage /> },
  { path: '/public/defaulters', element: <PublicDefaultersPage /> },
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
      {
        path: 'projects',
        element: (
          <RequirePermission permission="wages:read">
            <ProjectsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'projects/:id',
        element: (
          <RequirePermission permission="wages:read">
            <ProjectDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'wages-dashboard',
        element: (
          <RequirePermission permission="warnings:read">
            <WagesDashboardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'warnings',
        element: (
          <RequirePermission permission="warnings:read">
            <WarningsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'warnings/:id',
        element: (
          <RequirePermission permission="warnings:read">
            <WarningDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'arrears',
        element: (
          <RequirePermission permission="arrears:read">
            <ArrearsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'arrears/:id',
        element: (
          <RequirePermission permission="arrears:read">
            <ArrearsDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'defaulters',
        element: (
          <RequirePermission permission="arrears:read">
            <DefaultersPage />
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

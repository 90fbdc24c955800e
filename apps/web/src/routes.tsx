import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  FileSearchOutlined,
  FundOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HomeOutlined,
  ReadOutlined,
  IdcardOutlined,
  SafetyOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

type Page = LazyExoticComponent<ComponentType>;

/** A submenu of the side menu: shown when its own permission is held and at least one entry in it is visible. */
export interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
  permission?: string;
}

export const MENU_GROUPS = {
  registry: { key: 'group:registry', label: '实名登记', icon: <IdcardOutlined />, permission: 'registry:read' },
  wages: { key: 'group:wages', label: '欠薪治理', icon: <AlertOutlined /> },
  training: { key: 'group:training', label: '职业技能培训', icon: <ReadOutlined />, permission: 'training:read' },
  employment: { key: 'group:employment', label: '就业服务', icon: <ShopOutlined />, permission: 'employment:read' },
} satisfies Record<string, MenuGroup>;

/**
 * A page of the signed-in console (after ant-design-pro's routes config): its address, the page,
 * the permissions needed to open it (all of them; none = every signed-in user) and its side-menu
 * entry, if any (the entry is shown to holders of the first permission). The menu follows this order.
 */
export interface AppRoute {
  path: string;
  page: Page;
  permissions?: string[];
  menu?: { label: string; icon?: ReactNode; group?: keyof typeof MENU_GROUPS };
}

/** A page anyone may open without signing in (the QR code on a site's notice board; the defaulter list). */
export interface PublicRoute {
  path: string;
  page: Page;
}

/** One component for both addresses, as before: moving from one to the other keeps the form mounted. */
const WorkerFormPage = lazy(() => import('./features/registry/pages/workers/WorkerFormPage'));

const EMPLOYMENT_ROUTES: AppRoute[] = [
  {
    path: '/jobs',
    page: lazy(() => import('./features/employment/pages/jobs/JobsPage')),
    permissions: ['employment:read'],
    menu: { label: '岗位信息', group: 'employment' },
  },
  {
    path: '/seekers',
    page: lazy(() => import('./features/employment/pages/seekers/SeekersPage')),
    permissions: ['employment:read'],
    menu: { label: '求职登记', group: 'employment' },
  },
  {
    path: '/seekers/:id/matches',
    page: lazy(() => import('./features/employment/pages/seekers/SeekerMatchesPage')),
    permissions: ['employment:read'],
  },
  {
    path: '/referrals',
    page: lazy(() => import('./features/employment/pages/referrals/ReferralsPage')),
    permissions: ['employment:read'],
    menu: { label: '职业介绍', group: 'employment' },
  },
];

export const APP_ROUTES: AppRoute[] = [
  {
    path: '/',
    page: lazy(() => import('./features/home/pages/HomePage')),
    menu: { label: '首页', icon: <HomeOutlined /> },
  },
  {
    path: '/workers',
    page: lazy(() => import('./features/registry/pages/workers/WorkersPage')),
    permissions: ['registry:read'],
    menu: { label: '务工人员', group: 'registry' },
  },
  {
    path: '/workers/new',
    page: WorkerFormPage,
    permissions: ['registry:read', 'registry:write'],
  },
  {
    path: '/workers/:id',
    page: lazy(() => import('./features/registry/pages/workers/WorkerProfilePage')),
    permissions: ['registry:read'],
  },
  {
    path: '/workers/:id/edit',
    page: WorkerFormPage,
    permissions: ['registry:read', 'registry:write'],
  },
  {
    path: '/employers',
    page: lazy(() => import('./features/registry/pages/employers/EmployersPage')),
    permissions: ['registry:read'],
    menu: { label: '用工单位', group: 'registry' },
  },
  {
    path: '/imports',
    page: lazy(() => import('./features/registry/pages/imports/ImportsPage')),
    permissions: ['registry:import'],
    menu: { label: '批量导入', group: 'registry' },
  },
  {
    path: '/wages-dashboard',
    page: lazy(() => import('./features/wages/pages/dashboard/WagesDashboardPage')),
    permissions: ['warnings:read'],
    menu: { label: '监测驾驶舱', group: 'wages' },
  },
  {
    path: '/projects',
    page: lazy(() => import('./features/wages/pages/projects/ProjectsPage')),
    permissions: ['wages:read'],
    menu: { label: '工程项目', group: 'wages' },
  },
  {
    path: '/projects/:id',
    page: lazy(() => import('./features/wages/pages/projects/ProjectDetailPage')),
    permissions: ['wages:read'],
  },
  {
    path: '/warnings',
    page: lazy(() => import('./features/wages/pages/warnings/WarningsPage')),
    permissions: ['warnings:read'],
    menu: { label: '欠薪预警', group: 'wages' },
  },
  {
    path: '/warnings/:id',
    page: lazy(() => import('./features/wages/pages/warnings/WarningDetailPage')),
    permissions: ['warnings:read'],
  },
  {
    path: '/arrears',
    page: lazy(() => import('./features/wages/pages/arrears/ArrearsPage')),
    permissions: ['arrears:read'],
    menu: { label: '欠薪案件', group: 'wages' },
  },
  {
    path: '/arrears/:id',
    page: lazy(() => import('./features/wages/pages/arrears/ArrearsDetailPage')),
    permissions: ['arrears:read'],
  },
  {
    path: '/defaulters',
    page: lazy(() => import('./features/wages/pages/defaulters/DefaultersPage')),
    permissions: ['arrears:read'],
    menu: { label: '失信名单', group: 'wages' },
  },
  {
    path: '/cases',
    page: lazy(() => import('./features/cases/pages/CasesPage')),
    permissions: ['cases:read'],
    menu: { label: '案件办理', icon: <FileSearchOutlined /> },
  },
  {
    path: '/cases/:id',
    page: lazy(() => import('./features/cases/pages/CaseDetailPage')),
    permissions: ['cases:read'],
  },
  ...EMPLOYMENT_ROUTES,
  {
    path: '/rights-stats',
    page: lazy(() => import('./features/cases/pages/stats/RightsStatsPage')),
    permissions: ['rights:read'],
    menu: { label: '维权统计', icon: <FundOutlined /> },
  },
  {
    path: '/grids',
    page: lazy(() => import('./features/inspection/pages/GridsPage')),
    permissions: ['rights:read'],
    menu: { label: '网格管理', icon: <ApartmentOutlined /> },
  },
  {
    path: '/mediation-orgs',
    page: lazy(() => import('./features/rights/pages/MediationOrgsPage')),
    permissions: ['rights:read'],
    menu: { label: '调解组织', icon: <FileSearchOutlined /> },
  },
  {
    path: '/penalties',
    page: lazy(() => import('./features/rights/pages/PenaltiesPage')),
    permissions: ['rights:read'],
    menu: { label: '行政处罚', icon: <FileSearchOutlined /> },
  },
  {
    path: '/legal-aid-providers',
    page: lazy(() => import('./features/cases/pages/providers/LegalAidProvidersPage')),
    permissions: ['rights:read'],
    menu: { label: '法律援助机构', icon: <SafetyOutlined /> },
  },
  {
    path: '/training/institutions',
    page: lazy(() => import('./features/training/pages/InstitutionsPage')),
    permissions: ['training:read'],
    menu: { label: '培训机构', group: 'training' },
  },
  {
    path: '/training/classes',
    page: lazy(() => import('./features/training/pages/ClassesPage')),
    permissions: ['training:read'],
    menu: { label: '培训班', group: 'training' },
  },
  {
    path: '/training/classes/:id',
    page: lazy(() => import('./features/training/pages/ClassDetailPage')),
    permissions: ['training:read'],
  },
  {
    path: '/training/subsidies',
    page: lazy(() => import('./features/training/pages/SubsidiesPage')),
    permissions: ['training:read'],
    menu: { label: '培训补贴', group: 'training' },
  },
  {
    path: '/training/targets',
    page: lazy(() => import('./features/training/pages/TargetsPage')),
    permissions: ['training:read'],
    menu: { label: '培训目标', group: 'training' },
  },
  {
    path: '/programs/campaigns',
    page: lazy(() => import('./features/programs/pages/CampaignsPage')),
    permissions: ['employment:read'],
    menu: { label: '招聘活动', group: 'employment' },
  },
  {
    path: '/programs/surveys',
    page: lazy(() => import('./features/programs/pages/SurveysPage')),
    permissions: ['employment:read'],
    menu: { label: '用工调查', group: 'employment' },
  },
  {
    path: '/programs/cooperation',
    page: lazy(() => import('./features/programs/pages/CooperationPage')),
    permissions: ['employment:read'],
    menu: { label: '劳务协作', group: 'employment' },
  },
  {
    path: '/programs/startup',
    page: lazy(() => import('./features/programs/pages/StartupPage')),
    permissions: ['employment:read'],
    menu: { label: '创业扶持', group: 'employment' },
  },
  {
    path: '/programs/consulting',
    page: lazy(() => import('./features/programs/pages/ConsultingPage')),
    permissions: ['employment:read'],
    menu: { label: '政策咨询', group: 'employment' },
  },
  {
    path: '/regions',
    page: lazy(() => import('./features/system/pages/regions/RegionsPage')),
    permissions: ['regions:read'],
    menu: { label: '行政区划', icon: <ClusterOutlined /> },
  },
  {
    path: '/departments',
    page: lazy(() => import('./features/system/pages/departments/DepartmentsPage')),
    permissions: ['departments:read'],
    menu: { label: '部门管理', icon: <ApartmentOutlined /> },
  },
  {
    path: '/users',
    page: lazy(() => import('./features/system/pages/users/UsersPage')),
    permissions: ['users:read'],
    menu: { label: '用户管理', icon: <TeamOutlined /> },
  },
  {
    path: '/roles',
    page: lazy(() => import('./features/system/pages/roles/RolesPage')),
    permissions: ['roles:read'],
    menu: { label: '角色权限', icon: <SafetyOutlined /> },
  },
  {
    path: '/audit',
    page: lazy(() => import('./features/system/pages/audit/AuditPage')),
    permissions: ['audit:read'],
    menu: { label: '审计日志', icon: <AuditOutlined /> },
  },
  {
    path: '/calendar',
    page: lazy(() => import('./features/system/pages/calendar/CalendarPage')),
    menu: { label: '工作日历', icon: <CalendarOutlined /> },
  },
  {
    path: '/account',
    page: lazy(() => import('./features/account/pages/AccountPage')),
    menu: { label: '我的账户', icon: <UserOutlined /> },
  },
];

export const PUBLIC_ROUTES: PublicRoute[] = [
  { path: '/wage-lookup', page: lazy(() => import('./features/public/pages/WageLookupPage')) },
  { path: '/public', page: lazy(() => import('./features/public/pages/PublicHomePage')) },
  { path: '/public/defaulters', page: lazy(() => import('./features/public/pages/PublicDefaultersPage')) },
  { path: '/public/complaint', page: lazy(() => import('./features/public/pages/ComplaintPage')) },
];

import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  /** Permission needed to see the entry; none = every signed-in user. */
  permission?: string;
}

/** A submenu: shown when its own permission is held and at least one child is visible. */
export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  permission?: string;
  children: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

export const navItems: NavEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  {
    key: 'group:registry',
    label: '实名登记',
    icon: <IdcardOutlined />,
    permission: 'registry:read',
    children: [
      { path: '/workers', label: '务工人员', permission: 'registry:read' },
      { path: '/employers', label: '用工单位', permission: 'registry:read' },
      { path: '/imports', label: '批量导入', permission: 'registry:import' },
    ],
  },
  {
    key: 'group:wages',
    label: '欠薪治理',
    icon: <AlertOutlined />,
    children: [
      { path: '/wages-dashboard', label: '监测驾驶舱', permission: 'warnings:read' },
      { path: '/projects', label: '工程项目', permission: 'wages:read' },
      { path: '/warnings', label: '欠薪预警', permission: 'warnings:read' },
      { path: '/arrears', label: '欠薪案件', permission: 'arrears:read' },
      { path: '/defaulters', label: '失信名单', permission: 'arrears:read' },
    ],
  },
  { path: '/regions', label: '行政区划', icon: <ClusterOutlined />, permission: 'regions:read' },
  { path: '/departments', label: '部门管理', icon: <ApartmentOutlined />, permission: 'departments:read' },
  { path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users:read' },
  { path: '/roles', label: '角色权限', icon: <SafetyOutlined />, permission: 'roles:read' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { path: '/account', label: '我的账户', icon: <UserOutlined /> },
];

/** Every leaf entry with the group it belongs to. */
function leaves(): { item: NavItem; group: NavGroup | null }[] {
  return navItems.flatMap<{ item: NavItem; group: NavGroup | null }>((entry) =>
    isNavGroup(entry) ? entry.children.map((item) => ({ item, group: entry })) : [{ item: entry, group: null }],
  );
}

/** The nav entry a pathname belongs to ("/users/123" → "/users"). */
export function navItemFor(pathname: string): NavItem | undefined {
  const all = leaves();
  if (pathname === '/' || pathname === '') return all.find((l) => l.item.path === '/')?.item;
  return all.find(({ item }) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)))
    ?.item;
}

/** Key of the submenu holding the entry for a pathname (to open it), if any. */
export function navGroupFor(pathname: string): string | undefined {
  const item = navItemFor(pathname);
  return item ? leaves().find((l) => l.item === item)?.group?.key : undefined;
}

import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HomeOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Permission needed to see the entry; none = every signed-in user. */
  permission?: string;
}

export const navItems: NavItem[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/regions', label: '行政区划', icon: <ClusterOutlined />, permission: 'regions:read' },
  { path: '/departments', label: '部门管理', icon: <ApartmentOutlined />, permission: 'departments:read' },
  { path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users:read' },
  { path: '/roles', label: '角色权限', icon: <SafetyOutlined />, permission: 'roles:read' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { path: '/account', label: '我的账户', icon: <UserOutlined /> },
];

/** The nav entry a pathname belongs to ("/users/123" → "/users"). */
export function navItemFor(pathname: string): NavItem | undefined {
  if (pathname === '/' || pathname === '') return navItems[0];
  return navItems.find((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)));
}

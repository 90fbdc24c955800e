import { EnvironmentOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { FullPageSpin } from '../auth/guards';
import { useMe } from '../auth/MeProvider';
import { clearReturnTo } from '../auth/returnTo';
import { DemoBanner } from '../components/DemoBanner';
import { useSystemInfo } from '../components/useSystemInfo';
import { IdleWatcher } from './IdleWatcher';
import { isNavGroup, navGroupFor, navItemFor, navItems } from './menu';
import { UserMenu } from './UserMenu';

const PLATFORM_NAME = '农民工服务管理平台';

export default function AppLayout() {
  const { session, can } = useMe();
  const { data: info } = useSystemInfo();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const current = navItemFor(location.pathname);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const allowed = (permission?: string) => !permission || can(permission);
    const items: NonNullable<MenuProps['items']> = [];
    for (const entry of navItems) {
      if (!allowed(entry.permission)) continue;
      if (isNavGroup(entry)) {
        const children = entry.children
          .filter((item) => allowed(item.permission))
          .map((item) => ({ key: item.path, icon: item.icon, label: item.label }));
        if (children.length > 0) items.push({ key: entry.key, icon: entry.icon, label: entry.label, children });
      } else {
        items.push({ key: entry.path, icon: entry.icon, label: entry.label });
      }
    }
    return items;
  }, [can]);

  // Keep the submenu of the current page open (also when arriving through a link).
  const currentGroup = navGroupFor(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (currentGroup ? [currentGroup] : []));
  useEffect(() => {
    if (currentGroup) setOpenKeys((keys) => (keys.includes(currentGroup) ? keys : [...keys, currentGroup]));
  }, [currentGroup]);

  // Signed in and arrived: any pending "continue at" target has been honoured.
  useEffect(() => {
    clearReturnTo();
  }, []);

  useEffect(() => {
    const platform = info?.name || PLATFORM_NAME;
    document.title = current ? `${current.label} - ${platform}` : platform;
  }, [current, info?.name]);

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="app-layout">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={null}
        width={208}
        breakpoint="lg"
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Flex
          align="center"
          justify="center"
          style={{
            height: 56,
            color: '#fff',
            fontWeight: 600,
            fontSize: collapsed ? 14 : 16,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '农服' : PLATFORM_NAME}
        </Flex>
        <Menu
          data-testid="app-menu"
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current.path] : []}
          {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          items={menuItems}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px 0 0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex align="center" gap={8}>
            <Button
              type="text"
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              style={{ width: 56, height: 56 }}
            />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {info?.name || PLATFORM_NAME}
            </Typography.Text>
            {info?.city && (
              <Tag icon={<EnvironmentOutlined />} color="blue" data-testid="header-city">
                {info.city.name}
              </Tag>
            )}
          </Flex>
          <UserMenu />
        </Layout.Header>
        <DemoBanner />
        <Layout.Content style={{ margin: 16 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 0', color: token.colorTextTertiary, fontSize: 12 }}>
          {info?.name || PLATFORM_NAME}
          {info?.city ? ` · ${info.city.name}` : ''}
        </Layout.Footer>
      </Layout>
      {session && <IdleWatcher timeoutSeconds={session.idleTimeoutSeconds} />}
    </Layout>
  );
}

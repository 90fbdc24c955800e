import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Dropdown, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useUser } from '../auth/MeProvider';
import { signOut } from '../auth/session';

export function UserMenu() {
  const user = useUser();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const items: MenuProps['items'] = [
    { key: 'account', icon: <UserOutlined />, label: <span data-testid="my-account">我的账户</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">退出登录</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    // navigate() is fire-and-forget: the router reports a failed navigation itself (error boundary).
    if (key === 'account') void navigate('/account');
    if (key === 'logout') void signOut(qc, navigate, '已安全退出');
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <a
        data-testid="user-menu"
        role="button"
        tabIndex={0}
        onClick={(e) => e.preventDefault()}
        style={{ display: 'inline-flex', alignItems: 'center', height: '100%', color: 'inherit' }}
      >
        <Space size={8}>
          <Avatar size="small" style={{ backgroundColor: '#1677ff' }} icon={<UserOutlined />} />
          <span style={{ lineHeight: 1.3, display: 'inline-flex', flexDirection: 'column' }}>
            <Typography.Text strong data-testid="user-display-name">
              {user.displayName}
            </Typography.Text>
            {user.department && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {user.department.name}
              </Typography.Text>
            )}
          </span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </a>
    </Dropdown>
  );
}

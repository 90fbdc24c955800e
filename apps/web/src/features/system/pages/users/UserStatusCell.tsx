import { LockOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { userStatusLabels } from '../../../../api/labels';
import type { User } from '../../../../api/types';
import { formatDateTime } from '../../../../components/time';

export function UserStatusCell({ user }: { user: User }) {
  return (
    <Space size={4} wrap>
      <Tag color={user.status === 'active' ? 'success' : 'default'}>{userStatusLabels[user.status] ?? user.status}</Tag>
      {user.locked && (
        <Tooltip title={user.lockedUntil ? `锁定至 ${formatDateTime(user.lockedUntil)}` : '账户已锁定'}>
          <Tag color="error" icon={<LockOutlined />}>
            已锁定
          </Tag>
        </Tooltip>
      )}
      {user.mustChangePassword && <Tag color="warning">待改密</Tag>}
    </Space>
  );
}

import { App, Card, Col, Descriptions, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { dataScopeLabels } from '../../../api/labels';
import { useUser } from '../../../auth/MeProvider';
import { refreshMe } from '../../../auth/session';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';
import { dayjs, formatDateTime } from '../../../components/time';
import { TotpReenroll } from './TotpReenroll';

function PasswordExpiry({ at }: { at: string | null }) {
  if (!at) return <>永不过期</>;
  const days = dayjs(at).diff(dayjs(), 'day');
  return (
    <Space size={6}>
      {formatDateTime(at)}
      {days < 0 ? <Tag color="error">已过期</Tag> : days <= 14 ? <Tag color="warning">{days} 天后过期</Tag> : null}
    </Space>
  );
}

export default function AccountPage() {
  const user = useUser();
  const qc = useQueryClient();
  const { message } = App.useApp();

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Space direction="vertical" size={16} style={{ display: 'flex' }}>
          <Card variant="borderless" title="我的账户">
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'username', label: '用户名', children: user.username },
                { key: 'displayName', label: '姓名', children: user.displayName },
                { key: 'department', label: '所属部门', children: user.department?.name ?? '—' },
                { key: 'region', label: '所属区划', children: user.regionName ?? '—' },
                {
                  key: 'roles',
                  label: '角色',
                  children:
                    user.roles.length > 0 ? (
                      <Space size={[4, 4]} wrap>
                        {user.roles.map((r) => (
                          <Tag key={r.code} color="blue">
                            {r.name}
                          </Tag>
                        ))}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">未分配角色</Typography.Text>
                    ),
                },
                { key: 'scope', label: '数据范围', children: dataScopeLabels[user.dataScope] ?? user.dataScope },
                {
                  key: 'totp',
                  label: '动态口令',
                  children: user.totpEnabled ? <Tag color="success">已绑定</Tag> : <Tag>未绑定</Tag>,
                },
                { key: 'pwdExpires', label: '密码有效期至', children: <PasswordExpiry at={user.passwordExpiresAt} /> },
                {
                  key: 'permissions',
                  label: '权限',
                  children:
                    user.permissions.length > 0 ? (
                      <Space size={[4, 4]} wrap>
                        {user.permissions.map((p) => (
                          <Tooltip key={p} title={p}>
                            <Tag data-testid="account-permission">{user.permissionNames?.[p] ?? p}</Tag>
                          </Tooltip>
                        ))}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">无</Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
          <TotpReenroll />
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <Card variant="borderless" title="修改密码">
          <ChangePasswordForm
            username={user.username}
            onChanged={async () => {
              message.success('密码已修改');
              await refreshMe(qc);
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}

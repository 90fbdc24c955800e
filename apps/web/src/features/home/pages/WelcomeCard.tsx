import { UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { dataScopeLabels } from '../../../api/labels';
import { useUser } from '../../../auth/MeProvider';
import { dayjs } from '../../../components/time';

function greeting(): string {
  const h = dayjs().tz('Asia/Shanghai').hour();
  if (h < 6) return '夜深了';
  if (h < 11) return '上午好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export function WelcomeCard() {
  const user = useUser();
  return (
    <Card data-testid="home-welcome" variant="borderless">
      <Flex gap={16} align="center" wrap>
        <Avatar size={56} icon={<UserOutlined />} style={{ backgroundColor: '#1d5fc4' }} />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {greeting()}，{user.displayName}
          </Typography.Title>
          <Typography.Text type="secondary">欢迎使用农民工服务管理平台</Typography.Text>
        </div>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginTop: 16 }}
        items={[
          { key: 'department', label: '所属部门', children: user.department?.name ?? '—' },
          { key: 'region', label: '所属区划', children: user.regionName ?? '—' },
          { key: 'scope', label: '数据范围', children: dataScopeLabels[user.dataScope] ?? user.dataScope },
          {
            key: 'roles',
            label: '角色',
            children:
              user.roles.length === 0 ? (
                <Typography.Text type="secondary">未分配角色</Typography.Text>
              ) : (
                <Space size={[4, 4]} wrap>
                  {user.roles.map((r) => (
                    <Tag key={r.code} color="blue">
                      {r.name}
                    </Tag>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

import { DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { getUsers, systemKeys } from '../../api';
import type { CreateUserResponse, User, UserListQuery, UserStatus } from '../../../../api/types';
import { useCan, useUser } from '../../../../auth/MeProvider';
import { OneTimeSecretModal } from '../../../../components/OneTimeSecretModal';
import { PageCard } from '../../../../components/PageCard';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { formatDateTime } from '../../../../components/time';
import { AssignRolesModal } from './AssignRolesModal';
import { TokensDrawer } from './TokensDrawer';
import { useDepartmentOptions } from './useDepartmentOptions';
import { UserFormModal } from './UserFormModal';
import { UserStatusCell } from './UserStatusCell';
import { useUserActions } from './useUserActions';

interface OneTime {
  title: string;
  secret: string;
  description: string;
}

export default function UsersPage() {
  const can = useCan();
  const me = useUser();
  const canWrite = can('users:write');
  const canUnlock = can('users:unlock');
  const canAssign = can('roles:assign');
  const canTokens = can('tokens:write');

  const [query, setQuery] = useState<UserListQuery>({ page: 1, pageSize: 20 });
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [assigning, setAssigning] = useState<User | null>(null);
  const [tokensFor, setTokensFor] = useState<User | null>(null);
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const departments = useDepartmentOptions();

  const users = useQuery({
    queryKey: systemKeys.users(query),
    queryFn: ({ signal }) => getUsers(query, signal),
    placeholderData: keepPreviousData,
  });

  const actions = useUserActions((user, password) =>
    setOneTime({
      title: '密码已重置',
      secret: password,
      description: `用户“${user.displayName}（${user.username}）”的新初始密码如下，用户登录后须立即修改。`,
    }),
  );

  const filter = (patch: Partial<UserListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const onCreated = (res: CreateUserResponse) =>
    setOneTime({
      title: '用户已创建',
      secret: res.initialPassword,
      description: `用户“${res.user.displayName}（${res.user.username}）”的初始密码如下，首次登录后须修改密码并绑定动态口令。`,
    });

  const moreItems = (u: User): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [];
    if (canWrite && u.id !== me.id) {
      items.push({ key: 'toggle', label: u.status === 'active' ? '停用' : '启用', danger: u.status === 'active' });
    }
    if (canWrite) items.push({ key: 'reset', label: '重置密码', danger: true });
    if (canUnlock && u.locked) items.push({ key: 'unlock', label: '解锁' });
    return items;
  };

  const onMore = (u: User, key: string) => {
    if (key === 'toggle') actions.confirmToggle(u);
    if (key === 'reset') actions.confirmReset(u);
    if (key === 'unlock') actions.confirmUnlock(u);
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 130, fixed: 'left' },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '部门', dataIndex: 'departmentName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '所属区划', dataIndex: 'regionName', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      width: 200,
      render: (roles: User['roles']) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {roles.map((r) => (
              <Tag key={r.id} color="blue">
                {r.name}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: '状态', key: 'status', width: 220, render: (_, u) => <UserStatusCell user={u} /> },
    {
      title: '动态口令',
      dataIndex: 'totpEnabled',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="success">已启用</Tag> : <Tag>未启用</Tag>),
    },
    { title: '手机号码', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">从未登录</Typography.Text>,
    },
  ];

  if (canWrite || canUnlock || canAssign || canTokens) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_, u) => {
        const more = moreItems(u);
        return (
          <Space size={0} wrap>
            {canWrite && (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(u);
                  setFormOpen(true);
                }}
              >
                编辑
              </Button>
            )}
            {canAssign && (
              <Button type="link" size="small" onClick={() => setAssigning(u)}>
                分配角色
              </Button>
            )}
            {canTokens && (
              <Button type="link" size="small" onClick={() => setTokensFor(u)}>
                令牌
              </Button>
            )}
            {more && more.length > 0 && (
              <Dropdown menu={{ items: more, onClick: ({ key }) => onMore(u, key) }} trigger={['click']}>
                <Button type="link" size="small">
                  更多 <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <PageCard
      title="用户管理"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()}>
            刷新
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              新建用户
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索用户名、姓名"
          allowClear
          enterButton="搜索"
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 280 }}
        />
        {departments.enabled && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部部门"
            options={departments.options.map((o) => ({ ...o, disabled: false }))}
            loading={departments.loading}
            value={query.departmentId}
            onChange={(v?: string) => filter({ departmentId: v })}
            style={{ width: 240 }}
          />
        )}
        {can('regions:read') && (
          <RegionTreeSelect
            placeholder="全部区划"
            value={query.regionCode}
            onChange={(v) => filter({ regionCode: v })}
            style={{ width: 200 }}
          />
        )}
        <Select<UserStatus | undefined>
          allowClear
          placeholder="全部状态"
          value={query.status}
          onChange={(v) => filter({ status: v })}
          style={{ width: 120 }}
          options={[
            { value: 'active', label: '正常' },
            { value: 'disabled', label: '停用' },
          ]}
        />
      </Space>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        scroll={{ x: 1500 }}
        locale={{ emptyText: <Empty description="没有符合条件的用户" /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 个用户`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <UserFormModal open={formOpen} user={editing} onClose={() => setFormOpen(false)} onCreated={onCreated} />
      <AssignRolesModal user={assigning} onClose={() => setAssigning(null)} />
      <TokensDrawer user={tokensFor} onClose={() => setTokensFor(null)} />
      <OneTimeSecretModal
        open={!!oneTime}
        title={oneTime?.title ?? ''}
        label="初始密码"
        secret={oneTime?.secret ?? null}
        description={oneTime?.description}
        onClose={() => setOneTime(null)}
      />
    </PageCard>
  );
}

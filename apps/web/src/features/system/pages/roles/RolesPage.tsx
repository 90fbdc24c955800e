import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { getModules, qk } from '../../../../api/endpoints';
import { deleteRole, getPermissions, getRoles, systemKeys } from '../../api';
import type { Role } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { showApiError } from '../../../../components/feedback';
import { PageCard } from '../../../../components/PageCard';
import { RoleFormModal } from './RoleFormModal';

export default function RolesPage() {
  const can = useCan();
  const canWrite = can('roles:write');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [modal, setModal] = useState<{ role: Role | null; readOnly: boolean } | null>(null);

  const roles = useQuery({ queryKey: systemKeys.roles, queryFn: getRoles });
  const permissions = useQuery({ queryKey: systemKeys.permissions, queryFn: getPermissions, staleTime: 10 * 60_000 });
  const modules = useQuery({
    queryKey: qk.modules,
    queryFn: getModules,
    enabled: can('departments:read'),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const moduleNames = useMemo(() => new Map((modules.data ?? []).map((m) => [m.code, m.name])), [modules.data]);

  const remove = useMutation({
    mutationFn: (role: Role) => deleteRole(role.id),
    onSuccess: () => {
      message.success('角色已删除');
      void qc.invalidateQueries({ queryKey: systemKeys.roles });
    },
    onError: (err) => showApiError(err),
  });

  const filtered = useMemo(() => {
    const list = roles.data ?? [];
    const needle = q.trim().toLowerCase();
    if (!needle) return list;
    return list.filter((r) => r.name.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle));
  }, [roles.data, q]);

  const columns: TableColumnsType<Role> = [
    {
      title: '角色名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          {r.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '角色编码', dataIndex: 'code', width: 180 },
    {
      title: '类型',
      key: 'type',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          {r.builtin ? <Tag color="blue">内置</Tag> : <Tag>自定义</Tag>}
          {r.adminRole && <Tag color="red">三员</Tag>}
        </Space>
      ),
    },
    {
      title: '权限数',
      dataIndex: 'permissions',
      width: 90,
      align: 'right',
      render: (p: string[]) => p.length,
      sorter: (a, b) => a.permissions.length - b.permissions.length,
    },
    {
      title: '用户数',
      dataIndex: 'userCount',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.userCount - b.userCount,
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, r) => {
        const editable = canWrite && !r.adminRole;
        const deletable = canWrite && !r.builtin && r.userCount === 0;
        const deleteHint = r.builtin ? '内置角色不能删除' : r.userCount > 0 ? '该角色下仍有用户，不能删除' : '';
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setModal({ role: r, readOnly: !editable })}>
              {editable ? '编辑' : '查看'}
            </Button>
            {canWrite &&
              (deletable ? (
                <Popconfirm
                  title="删除角色"
                  description={`确认删除角色“${r.name}”？删除后不可恢复。`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              ) : (
                <Tooltip title={deleteHint}>
                  <Button type="link" size="small" danger disabled>
                    删除
                  </Button>
                </Tooltip>
              ))}
          </Space>
        );
      },
    },
  ];

  return (
    <PageCard
      title="角色权限"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ role: null, readOnly: false })}>
            新建角色
          </Button>
        )
      }
    >
      <Input.Search
        placeholder="按角色名称或编码筛选"
        allowClear
        onSearch={setQ}
        onChange={(e) => setQ(e.target.value)}
        style={{ width: 300, marginBottom: 16 }}
      />
      <Table<Role>
        rowKey="id"
        columns={columns}
        dataSource={filtered}
        loading={roles.isFetching}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个角色` }}
        locale={{ emptyText: <Empty description={q ? '没有符合条件的角色' : '暂无角色'} /> }}
      />
      <RoleFormModal
        open={!!modal}
        role={modal?.role ?? null}
        readOnly={modal?.readOnly ?? false}
        permissions={permissions.data ?? []}
        moduleNames={moduleNames}
        onClose={() => setModal(null)}
      />
    </PageCard>
  );
}

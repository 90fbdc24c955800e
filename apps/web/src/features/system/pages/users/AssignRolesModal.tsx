import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { assignUserRoles, getRoles, systemKeys } from '../../api';
import { dataScopeOptions } from '../../../../api/labels';
import type { DataScope, User } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';

interface Values {
  roleIds: string[];
  dataScope: DataScope;
}

export function AssignRolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const roles = useQuery({ queryKey: systemKeys.roles, queryFn: getRoles, enabled: !!user });

  useEffect(() => {
    if (user) form.setFieldsValue({ roleIds: user.roles.map((r) => r.id), dataScope: user.dataScope });
  }, [user, form]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      assignUserRoles((user as User).id, { roleIds: values.roleIds ?? [], dataScope: values.dataScope }),
    onSuccess: () => {
      message.success('角色与数据范围已更新');
      void qc.invalidateQueries({ queryKey: systemKeys.usersAll });
      void qc.invalidateQueries({ queryKey: systemKeys.roles });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={!!user}
      title={`分配角色：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="只能授予不超出您自身权限范围的角色，超出时系统将拒绝保存。"
      />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="roleIds" label="角色">
          <Select
            mode="multiple"
            allowClear
            loading={roles.isPending}
            placeholder="请选择角色"
            optionFilterProp="label"
            notFoundContent="暂无角色"
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name, role: r }))}
            optionRender={(option) => {
              const role = option.data.role;
              return (
                <Space size={4}>
                  {role.name}
                  <span style={{ color: '#999', fontSize: 12 }}>{role.code}</span>
                  {role.adminRole && <Tag color="red">三员</Tag>}
                  {role.builtin && <Tag>内置</Tag>}
                </Space>
              );
            }}
          />
        </Form.Item>
        <Form.Item
          name="dataScope"
          label="数据范围"
          rules={[{ required: true, message: '请选择数据范围' }]}
          extra="决定该用户能查看的业务数据范围"
        >
          <Select options={dataScopeOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { createRole, updateRole, systemKeys } from '../../api';
import type { Permission, Role } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { PermissionPicker } from './PermissionPicker';

interface Values {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
}

interface Props {
  open: boolean;
  role: Role | null;
  readOnly: boolean;
  permissions: Permission[];
  moduleNames: Map<string, string>;
  onClose: () => void;
}

export function RoleFormModal({ open, role, readOnly, permissions, moduleNames, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const editing = !!role;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      role
        ? { code: role.code, name: role.name, description: role.description ?? '', permissions: role.permissions }
        : { permissions: [] },
    );
  }, [open, role, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const description = v.description?.trim() ?? '';
      // Admin permissions are never sent for a custom role; a built-in role keeps the ones it has.
      const adminCodes = new Set(permissions.filter((p) => p.admin).map((p) => p.code));
      const perms = (v.permissions ?? []).filter((c) => !adminCodes.has(c) || role?.permissions.includes(c));
      return role
        ? updateRole(role.id, { name: v.name.trim(), description, permissions: perms })
        : createRole({ code: v.code.trim(), name: v.name.trim(), description, permissions: perms });
    },
    onSuccess: () => {
      message.success(editing ? '角色已保存' : '角色已创建');
      void qc.invalidateQueries({ queryKey: systemKeys.roles });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  const title = readOnly ? `查看角色：${role?.name}` : editing ? `编辑角色：${role?.name}` : '新建角色';

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => (readOnly ? onClose() : form.submit())}
      okText={readOnly ? '关闭' : '保存'}
      cancelButtonProps={readOnly ? { style: { display: 'none' } } : undefined}
      confirmLoading={save.isPending}
      width={820}
      destroyOnHidden
      maskClosable={readOnly}
      styles={{ body: { maxHeight: '68vh', overflowY: 'auto', paddingRight: 4 } }}
    >
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={role?.adminRole ? '三员管理角色为系统内置，权限不可修改。' : '您没有修改角色的权限，仅可查看。'}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={readOnly}>
        <Form.Item
          name="code"
          label="角色编码"
          extra={editing ? undefined : '字母开头，可包含小写字母、数字和下划线，创建后不可修改'}
          rules={[
            { required: true, whitespace: true, message: '请输入角色编码' },
            {
              pattern: /^[a-z][a-z0-9_]{1,49}$/,
              message: '角色编码须以小写字母开头，由 2～50 位小写字母、数字、下划线组成',
            },
          ]}
        >
          <Input disabled={editing} />
        </Form.Item>
        <Form.Item
          name="name"
          label="角色名称"
          rules={[
            { required: true, whitespace: true, message: '请输入角色名称' },
            { max: 50, message: '角色名称不超过 50 个字符' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ max: 200, message: '说明不超过 200 个字符' }]}>
          <Input.TextArea rows={2} showCount maxLength={200} />
        </Form.Item>
        <Form.Item name="permissions" label="权限">
          <PermissionPicker permissions={permissions} moduleNames={moduleNames} readOnly={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { createUser, updateUser, systemKeys } from '../../api';
import type { CreateUserResponse, UpdateUserRequest, User } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { useSystemInfo } from '../../../../components/useSystemInfo';
import { useDepartmentOptions } from './useDepartmentOptions';

interface Values {
  username: string;
  displayName: string;
  departmentId: string;
  regionCode: string;
  phone?: string;
}

interface Props {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onCreated: (res: CreateUserResponse) => void;
}

const PHONE_RE = /^1\d{10}$/;

export function UserFormModal({ open, user, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data: info } = useSystemInfo();
  const departments = useDepartmentOptions(!user);
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        departmentId: user.departmentId ?? undefined,
        regionCode: user.regionCode ?? undefined,
        phone: undefined,
      });
    } else {
      form.setFieldsValue({ regionCode: info?.city.code });
    }
  }, [open, user, form, info?.city.code]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (!user) {
        const res = await createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          departmentId: values.departmentId,
          regionCode: values.regionCode,
          ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        });
        return { created: res };
      }
      const patch: UpdateUserRequest = {};
      if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName.trim();
      if (values.departmentId && values.departmentId !== user.departmentId) patch.departmentId = values.departmentId;
      if (values.regionCode && values.regionCode !== user.regionCode) patch.regionCode = values.regionCode;
      if (values.phone?.trim()) patch.phone = values.phone.trim();
      if (Object.keys(patch).length > 0) await updateUser(user.id, patch);
      return { created: null, changed: Object.keys(patch).length > 0 };
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: systemKeys.usersAll });
      onClose();
      if (res.created) onCreated(res.created);
      else message.success('changed' in res && res.changed ? '用户信息已保存' : '未做任何修改');
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑用户：${user?.username}` : '新建用户'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? '保存' : '创建'}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Form.Item
          name="username"
          label="用户名"
          extra={editing ? '用户名创建后不可修改' : '用于登录，建议使用字母、数字组合'}
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { min: 3, max: 32, message: '用户名长度为 3～32 个字符' },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: '用户名只能包含字母、数字、下划线、点和连字符' },
          ]}
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不超过 50 个字符' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '请选择所属部门' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={departments.options}
            loading={departments.loading}
            placeholder={departments.enabled ? '请选择部门' : '无权查看部门列表'}
            disabled={!departments.enabled}
            notFoundContent="暂无部门"
          />
        </Form.Item>
        <Form.Item name="regionCode" label="所属行政区划" rules={[{ required: true, message: '请选择所属行政区划' }]}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号码"
          extra={editing ? `当前：${user?.phone ?? '未登记'}；留空表示不修改` : '选填'}
          rules={[{ pattern: PHONE_RE, message: '请输入 11 位手机号码' }]}
        >
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

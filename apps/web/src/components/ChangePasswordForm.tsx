import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { changePassword } from '../api/endpoints';
import type { Stage } from '../api/types';
import { showApiError } from './feedback';
import { PASSWORD_MIN_LENGTH, PasswordPolicy, passwordClassCount } from './PasswordPolicy';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

interface Props {
  username?: string;
  submitText?: string;
  oldPasswordLabel?: string;
  onChanged: (stage: Stage) => void | Promise<void>;
}

/** Old / new / confirm password form posting to POST /api/auth/password. */
export function ChangePasswordForm({
  username,
  submitText = '修改密码',
  oldPasswordLabel = '当前密码',
  onChanged,
}: Props) {
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: Values) => {
    setSubmitting(true);
    try {
      const res = await changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      form.resetFields();
      await onChanged(res.stage);
    } catch (err) {
      showApiError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
      <Form.Item name="oldPassword" label={oldPasswordLabel} rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password data-testid="pwd-old" autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        dependencies={['oldPassword']}
        validateFirst
        rules={[
          { required: true, message: '请输入新密码' },
          { min: PASSWORD_MIN_LENGTH, message: `新密码长度不少于 ${PASSWORD_MIN_LENGTH} 位` },
          {
            validator: (_, value: string | undefined) =>
              !value || passwordClassCount(value) >= 3
                ? Promise.resolve()
                : Promise.reject(new Error('新密码至少包含大写字母、小写字母、数字、特殊符号中的 3 类')),
          },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value !== getFieldValue('oldPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('新密码不能与当前密码相同')),
          }),
        ]}
      >
        <Input.Password data-testid="pwd-new" autoComplete="new-password" />
      </Form.Item>
      <PasswordPolicy password={newPassword} username={username} />
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password data-testid="pwd-confirm" autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="pwd-submit">
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}

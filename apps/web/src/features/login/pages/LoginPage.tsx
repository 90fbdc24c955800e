import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { login } from '../../../api/endpoints';
import { refreshMe } from '../../../auth/session';
import { errorText, isHandledGlobally } from '../../../components/feedback';

interface Values {
  username: string;
  password: string;
}

/** Step 1: username + password. The session's stage then decides where to go (see RedirectIfSignedIn). */
export default function LoginPage() {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await login({ username: values.username.trim(), password: values.password });
      // The guard around this page redirects as soon as the session (and its stage) is known.
      const session = await refreshMe(qc);
      if (!session) setError('登录状态未能保存，请确认浏览器允许本站点使用 Cookie 后重试');
    } catch (err) {
      if (isHandledGlobally(err)) return;
      setError(errorText(err));
      if (isApiError(err) && err.errors.length > 0) {
        form.setFields(err.errors.map((e) => ({ name: e.path as keyof Values, errors: [e.message] })));
      }
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      onFinish={submit}
      requiredMark={false}
      onValuesChange={() => setError(null)}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          登录
        </Button>
      </Form.Item>
    </Form>
  );
}

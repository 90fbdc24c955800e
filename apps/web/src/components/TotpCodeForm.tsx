import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { showApiError } from './feedback';

interface Props {
  submitText: string;
  onSubmit: (code: string) => Promise<void>;
}

/** A single 6-digit TOTP code input with its submit button. */
export function TotpCodeForm({ submitText, onSubmit }: Props) {
  const [form] = Form.useForm<{ code: string }>();
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setSubmitting(true);
    try {
      await onSubmit(code.trim());
    } catch (err) {
      form.setFieldValue('code', '');
      showApiError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
      <Form.Item
        name="code"
        label="动态口令"
        extra="请输入身份验证器应用中显示的 6 位数字"
        normalize={(v: string | undefined) => (v ?? '').replace(/\D/g, '').slice(0, 6)}
        rules={[
          { required: true, message: '请输入 6 位动态口令' },
          { pattern: /^\d{6}$/, message: '动态口令为 6 位数字' },
        ]}
      >
        <Input
          data-testid="totp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="6 位数字"
          style={{ letterSpacing: 4, fontSize: 18 }}
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="totp-submit">
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}

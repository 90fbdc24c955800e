import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../../../api/client';
import { unmaskWorker } from '../../../api';
import type { UnmaskField, UnmaskResult, Worker } from '../../../../../api/types';
import { errorText, showApiError } from '../../../../../components/feedback';

/** Clear values disappear from the screen after this many seconds. */
const SHOW_SECONDS = 120;

interface Values {
  fields: UnmaskField[];
  purpose: string;
}

const fieldLabels: Record<UnmaskField, string> = {
  idNumber: '身份证号',
  birthDate: '出生日期',
  phone: '手机号',
  bankCard: '工资卡号',
  emergencyContact: '紧急联系人电话',
};

/**
 * POST /api/workers/:id/unmask. The clear values live only in this component's state (never in the
 * query cache) and are dropped when the modal closes or after SHOW_SECONDS.
 */
export function UnmaskModal({ worker, open, onClose }: { worker: Worker; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<UnmaskResult | null>(null);
  const [error, setError] = useState<{ text: string; limit: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const [left, setLeft] = useState(0);

  const available: Record<UnmaskField, boolean> = {
    idNumber: true,
    birthDate: true,
    phone: !!worker.phone,
    bankCard: !!worker.bankCard,
    emergencyContact: !!worker.emergencyContact?.phone,
  };

  // Countdown, then hide the clear values.
  useEffect(() => {
    if (!result) return;
    setLeft(SHOW_SECONDS);
    const timer = window.setInterval(() => {
      setLeft((n) => {
        if (n <= 1) {
          window.clearInterval(timer);
          setResult(null);
          return 0;
        }
        return n - 1;
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [result]);

  const reset = () => {
    setResult(null);
    setError(null);
    setPending(false);
    form.resetFields();
  };

  const submit = async (v: Values) => {
    setPending(true);
    setError(null);
    setResult(null);
    try {
      const res = await unmaskWorker(worker.id, { fields: v.fields, purpose: v.purpose.trim() });
      setResult(res);
    } catch (err) {
      if (isApiError(err) && err.status === 429) {
        setError({ text: `查看次数已达上限，请稍后再试（${err.detail}）`, limit: true });
      } else {
        if (isApiError(err) && err.errors.length > 0) showApiError(err, form);
        setError({ text: errorText(err), limit: false });
      }
    } finally {
      setPending(false);
    }
  };

  const rows: { label: string; value: string | null | undefined }[] = result
    ? [
        { label: '身份证号', value: result.idNumber },
        { label: '出生日期', value: result.birthDate },
        { label: '手机号', value: result.phone },
        { label: '工资卡号', value: result.bankCard },
        { label: '紧急联系人电话', value: result.emergencyContactPhone },
      ].filter((r) => r.value !== undefined && r.value !== null)
    : [];

  return (
    <Modal
      open={open}
      title={
        <Space>
          <EyeOutlined />
          查看完整个人信息：{worker.name}
        </Space>
      }
      onCancel={onClose}
      afterClose={reset}
      destroyOnHidden
      maskClosable={false}
      width={600}
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="unmask-confirm">
            确认查看
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        icon={<SafetyCertificateOutlined />}
        style={{ marginBottom: 16 }}
        message="本次查看将记入审计日志"
        description="查看人、时间、查看的项目和用途说明均被记录并接受审计。请仅在履职需要时查看，不得拍照、截屏、抄录或向他人提供。每人每小时最多查看 30 次。"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ fields: ['idNumber'] }}
        onFinish={(v) => void submit(v)}
        autoComplete="off"
      >
        <Form.Item
          name="fields"
          label="查看项目"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项' }]}
        >
          <Checkbox.Group
            options={(Object.keys(fieldLabels) as UnmaskField[]).map((f) => ({
              value: f,
              label: available[f] ? fieldLabels[f] : `${fieldLabels[f]}（未登记）`,
              disabled: !available[f],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label="用途说明"
          rules={[
            { required: true, whitespace: true, message: '请填写用途说明' },
            {
              validator: (_, v?: string) =>
                !v || v.trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error('用途说明至少 4 个字')),
            },
            { max: 200, message: '用途说明不超过 200 个字' },
          ]}
        >
          <Input.TextArea
            data-testid="unmask-purpose"
            rows={2}
            showCount
            maxLength={200}
            placeholder="如：核实工资代发银行卡信息"
          />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type={error.limit ? 'warning' : 'error'}
          showIcon
          message={error.limit ? '查看次数已达上限' : '查看失败'}
          description={error.text}
        />
      )}
      <div data-testid="unmask-result">
        {result && (
          <>
            <Descriptions bordered size="small" column={1} style={{ marginTop: 8 }}>
              {rows.map((r) => (
                <Descriptions.Item key={r.label} label={r.label}>
                  <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 15 }}>
                    {r.value}
                  </Typography.Text>
                </Descriptions.Item>
              ))}
              {rows.length === 0 && <Descriptions.Item label="结果">未返回任何信息</Descriptions.Item>}
            </Descriptions>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              完整信息将在 {left} 秒后或关闭窗口时自动隐藏。
            </Typography.Text>
          </>
        )}
      </div>
    </Modal>
  );
}

import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { exportWorkers } from '../../api';
import type { WorkerFilters } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { dateStamp, saveFile } from '../../../../components/download';
import { showApiError } from '../../../../components/feedback';

const EXPORT_CAP = 50_000;

interface Values {
  mode: 'masked' | 'clear';
  purpose?: string;
}

interface Props {
  open: boolean;
  filters: WorkerFilters;
  /** Rows matching the filters (from the list), when known. */
  total: number | null;
  onClose: () => void;
}

/** POST /api/exports for the current list filters; clear values only with pii:export and a stated purpose. */
export function WorkerExportModal({ open, filters, total, onClose }: Props) {
  const can = useCan();
  const canClear = can('pii:export');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ mode: 'masked', purpose: undefined });
  }, [open, form]);

  const run = useMutation({
    mutationFn: (v: Values) =>
      exportWorkers({
        kind: 'workers',
        filters,
        ...(v.mode === 'clear' && canClear ? { unmask: true, purpose: v.purpose?.trim() } : { unmask: false }),
      }),
    onSuccess: (file, v) => {
      const name = saveFile(file, `务工人员${v.mode === 'clear' ? '_明文' : ''}_${dateStamp()}.xlsx`);
      message.success(`已导出：${name}`);
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={open}
      title="导出务工人员（Excel）"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="导出"
      confirmLoading={run.isPending}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'masked' }} onFinish={(v) => run.mutate(v)}>
        <Space direction="vertical" size="small" style={{ display: 'flex', marginBottom: 16 }}>
          <Typography.Text>
            按当前筛选条件导出
            {total !== null ? `，共 ${total.toLocaleString('zh-CN')} 人` : ''}。单次最多导出{' '}
            {EXPORT_CAP.toLocaleString('zh-CN')} 条，文件带有水印。
          </Typography.Text>
          {total !== null && total > EXPORT_CAP && (
            <Alert
              type="warning"
              showIcon
              message={`超出 ${EXPORT_CAP.toLocaleString('zh-CN')} 条的部分不会导出，请缩小筛选范围后分批导出。`}
            />
          )}
          {total === 0 && <Alert type="info" showIcon message="当前筛选条件下没有数据，导出的文件将只有表头。" />}
        </Space>
        <Form.Item name="mode" label="导出方式">
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="masked">脱敏导出（默认，身份证号、手机号、银行卡号等已脱敏）</Radio>
              {canClear && <Radio value="clear">明文导出（含完整个人信息）</Radio>}
            </Space>
          </Radio.Group>
        </Form.Item>
        {canClear && mode === 'clear' && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="明文导出将记入审计日志"
              description="导出人、时间、筛选条件和用途将被记录。导出文件含完整个人信息，仅限履职使用，请妥善保管，不得外传。"
            />
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
              <Input.TextArea rows={3} showCount maxLength={200} placeholder="如：按市人社局通知核查欠薪台账" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

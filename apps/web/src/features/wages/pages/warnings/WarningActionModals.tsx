// 分派 / 记录处置 / 办结 of one warning.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { actOnWarning, assignWarning, closeWarning, wqk } from '../../api';
import type { WarningDetail } from '../../api';
import { showApiError } from '../../../../components/feedback';
import { useDepartmentsByCode } from './useDepartmentsByCode';
import { UserPicker } from './UserPicker';

interface Props {
  warning: WarningDetail;
  open: boolean;
  onClose: () => void;
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: wqk.warning(id) });
    void qc.invalidateQueries({ queryKey: ['warnings', 'list'] });
    void qc.invalidateQueries({ queryKey: ['wages', 'dashboard'] });
  };
}

interface AssignValues {
  departmentCode?: string;
  assigneeId?: string;
  note?: string;
}

export function AssignWarningModal({ warning, open, onClose }: Props) {
  const [form] = Form.useForm<AssignValues>();
  const { message } = App.useApp();
  const departments = useDepartmentsByCode();
  const refresh = useRefresh(warning.id);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ departmentCode: warning.departmentCode ?? undefined });
  }, [open, form, warning.departmentCode]);

  const save = useMutation({
    mutationFn: (v: AssignValues) =>
      assignWarning(warning.id, {
        departmentCode: v.departmentCode?.trim() || undefined,
        assigneeId: v.assigneeId || undefined,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      message.success('预警已分派');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  const atLeastOne = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () =>
      getFieldValue('departmentCode') || getFieldValue('assigneeId')
        ? Promise.resolve()
        : Promise.reject(new Error('请至少选择承办部门或承办人之一')),
  });

  return (
    <Modal
      open={open}
      title={`分派预警 #${warning.seq}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="分派"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'warning-assign-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        autoComplete="off"
        data-testid="warning-assign-form"
      >
        <Form.Item
          name="departmentCode"
          label="承办部门"
          dependencies={['assigneeId']}
          rules={[atLeastOne]}
          extra={departments.enabled ? undefined : '无权查看部门列表，可直接输入部门编码'}
        >
          {departments.enabled ? (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={departments.options}
              loading={departments.loading}
              placeholder="请选择承办部门"
              notFoundContent="暂无部门"
            />
          ) : (
            <Input placeholder="部门编码" allowClear />
          )}
        </Form.Item>
        <Form.Item
          name="assigneeId"
          label="承办人"
          dependencies={['departmentCode']}
          rules={[atLeastOne]}
          extra="本项目所在区划及上级有预警处置权限的人员"
        >
          <UserPicker warningId={warning.id} />
        </Form.Item>
        <Form.Item name="note" label="交办意见" rules={[{ max: 500, message: '不超过 500 个字符' }]}>
          <Input.TextArea rows={3} placeholder="选填：交办要求、注意事项等" showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ActWarningModal({ warning, open, onClose }: Props) {
  const [form] = Form.useForm<{ note: string }>();
  const { message } = App.useApp();
  const refresh = useRefresh(warning.id);
  const save = useMutation({
    mutationFn: (v: { note: string }) => actOnWarning(warning.id, v.note.trim()),
    onSuccess: () => {
      message.success('处置情况已记录');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open={open}
      title={`记录处置：预警 #${warning.seq}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'warning-act-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off" preserve={false}>
        <Form.Item
          name="note"
          label="处置情况"
          rules={[
            { required: true, whitespace: true, message: '请填写处置情况' },
            { min: 2, message: '请具体填写处置情况' },
            { max: 1000, message: '不超过 1000 个字符' },
          ]}
        >
          <Input.TextArea
            rows={5}
            showCount
            maxLength={1000}
            placeholder="如：已约谈总包单位劳资专管员，要求 3 日内补发 3 月工资"
            data-testid="warning-act-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CloseWarningModal({ warning, open, onClose }: Props) {
  const [form] = Form.useForm<{ result: string }>();
  const { message, modal } = App.useApp();
  const refresh = useRefresh(warning.id);
  const save = useMutation({
    mutationFn: (v: { result: string }) => closeWarning(warning.id, v.result.trim()),
    onSuccess: () => {
      message.success('预警已办结');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  const confirm = (v: { result: string }) =>
    modal.confirm({
      title: '确认办结',
      content: '办结后该预警不能再分派或记录处置（如问题仍然存在，下次扫描将重新生成预警）。确认办结？',
      okText: '确认办结',
      cancelText: '再想想',
      onOk: () => save.mutateAsync(v).catch(() => undefined),
    });
  return (
    <Modal
      open={open}
      title={`办结预警 #${warning.seq}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="办结"
      okButtonProps={{ 'data-testid': 'warning-close-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {warning.status === 'open' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="该预警尚未分派或处置，请确认确已核实处理。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={confirm} autoComplete="off" preserve={false}>
        <Form.Item
          name="result"
          label="办结结果"
          rules={[
            { required: true, whitespace: true, message: '请填写办结结果' },
            { min: 4, message: '请具体说明办结结果（至少 4 个字）' },
            { max: 1000, message: '不超过 1000 个字符' },
          ]}
        >
          <Input.TextArea
            rows={5}
            showCount
            maxLength={1000}
            placeholder="如：经核查，3 月工资已于 4 月 28 日通过专用账户足额代发，银行回单已归档"
            data-testid="warning-close-result"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

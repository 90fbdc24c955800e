import { CodeSelect } from '../../../components/CodeSelect';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { fenToYuan, parseYuan, yuanToFen } from '@mwsp/domain';
import { useEffect } from 'react';
import { contractTypeOptions, filingStatusOptions, wageTypeOptions, wageTypeUnits } from '../../../../../api/labels';
import { createEmployment, rqk, updateEmployment } from '../../../api';
import type {
  ContractType,
  Employment,
  EmploymentInput,
  EmploymentPatch,
  FilingStatus,
  WageType,
} from '../../../../../api/types';
import { showApiError } from '../../../../../components/feedback';
import { EmployerSelect } from '../../../../../components/EmployerSelect';
import { dayjs } from '../../../../../components/time';

interface Values {
  employerId?: string;
  startDate?: Dayjs;
  position?: string;
  occupationCode?: string;
  wage?: string;
  wageType: WageType;
  contractType: ContractType;
  contractSigned: boolean;
  contractTermMonths?: number | null;
  filingStatus: FilingStatus;
  dispatch: boolean;
}

interface Props {
  open: boolean;
  workerId: string;
  workerName: string;
  /** null = new employment. */
  employment: Employment | null;
  onClose: () => void;
}

/** Term in months is needed for fixed-term contracts and meaningless without a written one. */
const termAllowed = (t: ContractType | undefined) => t === 'fixed' || t === 'task';

export function EmploymentFormModal({ open, workerId, workerName, employment, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();
  const editing = !!employment;
  const wageType = Form.useWatch('wageType', form);
  const contractType = Form.useWatch('contractType', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (employment) {
      form.setFieldsValue({
        employerId: employment.employerId,
        startDate: dayjs(employment.startDate),
        position: employment.position ?? undefined,
        occupationCode: employment.occupationCode ?? undefined,
        wage: employment.wageFen !== null ? fenToYuan(employment.wageFen, { grouping: false }) : undefined,
        wageType: employment.wageType ?? 'monthly',
        contractType: employment.contractType,
        contractSigned: employment.contractSigned,
        contractTermMonths: employment.contractTermMonths,
        filingStatus: employment.filingStatus,
        dispatch: employment.dispatch,
      });
    }
  }, [open, employment, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: EmploymentInput = {
        workerId,
        employerId: v.employerId as string,
        startDate: (v.startDate as Dayjs).format('YYYY-MM-DD'),
        position: (v.position ?? '').trim(),
        occupationCode: v.occupationCode ?? null,
        wageFen: yuanToFen(v.wage ?? ''),
        wageType: v.wageType,
        contractType: v.contractType,
        contractSigned: v.contractType === 'none' ? false : v.contractSigned,
        contractTermMonths: termAllowed(v.contractType) ? (v.contractTermMonths ?? null) : null,
        filingStatus: v.filingStatus,
        dispatch: v.dispatch,
      };
      if (!employment) return createEmployment(body);
      const { workerId: _w, ...rest } = body;
      const patch: EmploymentPatch = {};
      const before: Record<string, unknown> = {
        employerId: employment.employerId,
        startDate: employment.startDate,
        position: employment.position ?? '',
        occupationCode: employment.occupationCode,
        wageFen: employment.wageFen,
        wageType: employment.wageType,
        contractType: employment.contractType,
        contractSigned: employment.contractSigned,
        contractTermMonths: employment.contractTermMonths,
        filingStatus: employment.filingStatus,
        dispatch: employment.dispatch,
      };
      for (const [k, val] of Object.entries(rest)) {
        if (before[k] !== val) (patch as Record<string, unknown>)[k] = val;
      }
      if (Object.keys(patch).length === 0) return Promise.resolve(null);
      return updateEmployment(employment.id, patch);
    },
    onSuccess: (res) => {
      if (res === null) {
        message.info('未做任何修改');
        onClose();
        return;
      }
      message.success(editing ? '用工关系已保存' : '已新增用工关系');
      if (res.warnings && res.warnings.length > 0) {
        notification.warning({ message: '请注意', description: res.warnings.join('；'), duration: 0 });
      }
      void qc.invalidateQueries({ queryKey: rqk.employmentsAll });
      void qc.invalidateQueries({ queryKey: rqk.workersAll });
      void qc.invalidateQueries({ queryKey: rqk.employersAll });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑用工关系：${workerName} — ${employment?.employerName}` : `新增用工关系：${workerName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          wageType: 'monthly',
          contractType: 'fixed',
          contractSigned: true,
          filingStatus: 'pending',
          dispatch: false,
        }}
        autoComplete="off"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="employerId" label="用工单位" rules={[{ required: true, message: '请选择用工单位' }]}>
              <EmployerSelect placeholder="输入单位名称搜索" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startDate" label="入职日期" rules={[{ required: true, message: '请选择入职日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore('1950-01-01')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="position"
              label="岗位"
              rules={[
                { required: true, whitespace: true, message: '请输入岗位' },
                { max: 50, message: '岗位不超过 50 个字' },
              ]}
            >
              <Input placeholder="如：钢筋工" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="occupationCode" label="工种（职业）">
              <CodeSelect table="occupations" withCode allowClear placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="wageType" label="计薪方式" rules={[{ required: true, message: '请选择计薪方式' }]}>
              <Select options={wageTypeOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="wage"
              label="工资标准"
              required
              rules={[
                {
                  validator: (_, v?: string) => {
                    const r = parseYuan(v ?? '');
                    if (!r.ok) return Promise.reject(new Error(r.message));
                    if (r.fen <= 0) return Promise.reject(new Error('工资标准应大于 0'));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix={wageTypeUnits[wageType ?? 'monthly']} placeholder="如 5200.00" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="filingStatus" label="合同备案" rules={[{ required: true, message: '请选择备案状态' }]}>
              <Select options={filingStatusOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contractType" label="合同类型" rules={[{ required: true, message: '请选择合同类型' }]}>
              <Select
                options={contractTypeOptions}
                onChange={(t: ContractType) => {
                  if (t === 'none') form.setFieldsValue({ contractSigned: false, contractTermMonths: null });
                  if (!termAllowed(t)) form.setFieldsValue({ contractTermMonths: null });
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contractTermMonths"
              label="合同期限（月）"
              required={contractType === 'fixed'}
              dependencies={['contractType']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: number | null) =>
                    getFieldValue('contractType') === 'fixed' && (v === undefined || v === null)
                      ? Promise.reject(new Error('固定期限合同请填写合同期限'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <InputNumber
                min={1}
                max={600}
                precision={0}
                style={{ width: '100%' }}
                disabled={!termAllowed(contractType)}
                placeholder={termAllowed(contractType) ? '如 12' : '不适用'}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="contractSigned" label="已签订合同" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" disabled={contractType === 'none'} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="dispatch" label="劳务派遣" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

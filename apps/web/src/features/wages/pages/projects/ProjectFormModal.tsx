import { useMutation, useQueryClient } from '@tanstack/react-query';
import { parseMobile } from '@mwsp/domain';
import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { ProjectCategory, ProjectDto, ProjectInput } from '../../api';
import { createProject, projectCategoryOptions, wqk } from '../../api';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { EmployerSelect } from '../../../../components/EmployerSelect';
import { dayjs } from '../../../../components/time';
import { showApiErrorOn } from '../../components/formErrors';
import { inputToFen, yuanRule } from '../../../../components/money';

interface Values {
  code?: string;
  name?: string;
  regionCode?: string;
  category?: ProjectCategory;
  clientId?: string;
  contractorId?: string;
  permitNo?: string;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmount?: string;
  labourSharePercent?: number | null;
  allocationDay?: number | null;
  payDay?: number | null;
  contractSignedOn?: Dayjs;
  startDate?: Dayjs;
  plannedEndDate?: Dayjs;
  labourOfficerName?: string;
  labourOfficerPhone?: string;
}

/** Server field → form field, for the per-field errors of problem+json. */
const RENAME = { contractAmountFen: 'contractAmount', labourShareBp: 'labourSharePercent' };

const ymd = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** 1 % = 100 bp; the input keeps 2 decimals so the result is an integer. */
export const percentToBp = (percent: number) => Math.round(percent * 100);

export const dayOfMonthRules = (label: string) => [
  { required: true, message: `请输入${label}` },
  { type: 'integer' as const, min: 1, max: 28, message: `${label}应为每月 1–28 日` },
];

export const phoneRule = {
  validator: (_: unknown, v?: string) => {
    if (!v || !v.trim()) return Promise.resolve();
    const r = parseMobile(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

/** 登记项目: POST /api/projects. */
export function ProjectFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (p: ProjectDto) => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: ProjectInput = {
        code: opt(v.code),
        name: (v.name ?? '').trim(),
        regionCode: v.regionCode as string,
        category: v.category as ProjectCategory,
        clientId: v.clientId as string,
        contractorId: v.contractorId as string,
        permitNo: opt(v.permitNo),
        fundingInPlace: v.fundingInPlace,
        paymentGuarantee: v.paymentGuarantee,
        contractAmountFen: inputToFen(v.contractAmount),
        labourShareBp: percentToBp(v.labourSharePercent ?? 0),
        allocationDay: v.allocationDay as number,
        payDay: v.payDay as number,
        contractSignedOn: ymd(v.contractSignedOn),
        startDate: ymd(v.startDate),
        plannedEndDate: ymd(v.plannedEndDate),
        labourOfficerName: opt(v.labourOfficerName),
        labourOfficerPhone: v.labourOfficerPhone?.trim()
          ? (parseMobile(v.labourOfficerPhone) as { normalized: string }).normalized
          : undefined,
      };
      return createProject(body);
    },
    onSuccess: (p) => {
      message.success(`已登记项目“${p.name}”（编号 ${p.code}）`);
      void qc.invalidateQueries({ queryKey: wqk.projectsAll });
      onClose();
      onCreated?.(p);
    },
    onError: (err) => showApiErrorOn(err, form, RENAME),
  });

  return (
    <Modal
      open={open}
      title="登记工程建设项目"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      okButtonProps={{ 'data-testid': 'project-form-submit' } as Record<string, string>}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={860}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        data-testid="project-form"
        initialValues={{
          fundingInPlace: false,
          paymentGuarantee: false,
          allocationDay: 10,
          payDay: 15,
          labourSharePercent: 20,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label="项目名称"
              rules={[
                { required: true, whitespace: true, message: '请输入项目名称' },
                { max: 100, message: '项目名称不超过 100 个字' },
              ]}
            >
              <Input placeholder="与施工许可证一致" data-testid="project-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label="项目编号"
              extra="留空由平台自动编号"
              rules={[
                { pattern: /^[0-9A-Za-z-]*$/, message: '项目编号只能包含字母、数字和“-”' },
                { min: 4, max: 40, message: '项目编号应为 4–40 个字符' },
              ]}
            >
              <Input placeholder="选填" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="regionCode"
              label="项目所在地"
              extra="请选择到乡镇（街道）或村（社区）"
              rules={[{ required: true, message: '请选择项目所在地' }]}
            >
              <RegionTreeSelect allowClear={false} placeholder="乡镇（街道）或村（社区）" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="category" label="工程类别" rules={[{ required: true, message: '请选择工程类别' }]}>
              <Select options={projectCategoryOptions} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="permitNo" label="施工许可证号" rules={[{ max: 50, message: '不超过 50 个字符' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="clientId" label="建设单位" rules={[{ required: true, message: '请选择建设单位' }]}>
              <EmployerSelect placeholder="输入单位名称搜索" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contractorId"
              label="施工总承包单位"
              dependencies={['clientId']}
              rules={[
                { required: true, message: '请选择施工总承包单位' },
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) =>
                    v && v === getFieldValue('clientId')
                      ? Promise.reject(new Error('施工总承包单位不能与建设单位相同'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <EmployerSelect placeholder="输入单位名称搜索" allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain style={{ marginTop: 0 }}>
          合同与人工费用
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="contractAmount"
              label="合同金额"
              required
              rules={[yuanRule({ label: '合同金额', positive: true })]}
            >
              <Input inputMode="decimal" suffix="元" placeholder="如 12000000.00" data-testid="project-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="labourSharePercent"
              label="人工费用占比"
              extra="合同价款中人工费用所占比例，用于核定每月拨付"
              rules={[
                { required: true, message: '请输入人工费用占比' },
                { type: 'number', min: 0.01, max: 100, message: '人工费用占比应在 0.01%–100% 之间' },
              ]}
            >
              <InputNumber min={0.01} max={100} precision={2} step={1} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contractSignedOn"
              label="合同签订日期"
              rules={[{ required: true, message: '请选择合同签订日期' }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="allocationDay"
              label="人工费用拨付日"
              extra="建设单位每月拨付人工费用的日期"
              rules={dayOfMonthRules('人工费用拨付日')}
            >
              <InputNumber min={1} max={28} precision={0} prefix="每月" suffix="日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="payDay"
              label="工资支付日"
              extra="每月支付上月工资的日期"
              rules={dayOfMonthRules('工资支付日')}
            >
              <InputNumber min={1} max={28} precision={0} prefix="每月" suffix="日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="fundingInPlace" label="建设资金到位" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="paymentGuarantee" label="工程款支付担保" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startDate" label="开工日期" rules={[{ required: true, message: '请选择开工日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="plannedEndDate"
              label="计划竣工日期"
              dependencies={['startDate']}
              rules={[
                { required: true, message: '请选择计划竣工日期' },
                ({ getFieldValue }) => ({
                  validator: (_, v?: Dayjs) => {
                    const start = getFieldValue('startDate') as Dayjs | undefined;
                    return v && start && v.isBefore(start, 'day')
                      ? Promise.reject(new Error('计划竣工日期不能早于开工日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain style={{ marginTop: 0 }}>
          劳资专管员
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="labourOfficerName" label="姓名" rules={[{ max: 50, message: '不超过 50 个字' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labourOfficerPhone" label="手机号码" rules={[phoneRule]}>
              <Input inputMode="tel" maxLength={20} placeholder="选填" />
            </Form.Item>
          </Col>
        </Row>
        <Alert
          type="info"
          showIcon
          message="登记后请在项目中依次落实六项制度：实名制管理、开立农民工工资专用账户、总包代发、存储工资保证金、设置维权信息告示牌、建立工资支付台账。"
        />
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { OCCUPATIONS, SEX_REQUIREMENT_LABELS } from '@mwsp/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../../api/client';
import { EmployerSelect } from '../../../../components/EmployerSelect';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { dayjs } from '../../../../components/time';
import { createJob, employmentKeys, moderateJob, updateJob, type Job, type JobInput, type Moderation } from '../../api';

interface Values {
  employerId: string;
  title: string;
  occupationCode: string;
  headcount: number;
  wageMinYuan: number;
  wageMaxYuan: number;
  regionCode: string;
  address: string;
  validUntil: Dayjs;
  sex: 'any' | 'male' | 'female';
  ageMin?: number | null;
  ageMax?: number | null;
  skills?: string;
  certificates?: string;
  benefits: string[];
  householdService: boolean;
  description?: string;
}

const list = (s?: string) =>
  (s ?? '')
    .split(/[,，、;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function toInput(v: Values): JobInput {
  return {
    employerId: v.employerId,
    title: v.title,
    occupationCode: v.occupationCode,
    headcount: v.headcount,
    wageMinFen: Math.round((v.wageMinYuan ?? 0) * 100),
    wageMaxFen: Math.round((v.wageMaxYuan ?? 0) * 100),
    regionCode: v.regionCode,
    address: v.address,
    validUntil: v.validUntil.format('YYYY-MM-DD'),
    requirements: {
      sex: v.sex,
      ageMin: v.ageMin ?? null,
      ageMax: v.ageMax ?? null,
      skills: list(v.skills),
      certificates: list(v.certificates),
    },
    benefits: {
      housing: v.benefits.includes('housing'),
      meals: v.benefits.includes('meals'),
      insurance: v.benefits.includes('insurance'),
    },
    householdService: v.householdService,
    description: v.description || null,
  };
}

/** Server field paths → the form's fields (the moderation and validation messages shown inline). */
const FIELD_OF: Record<string, keyof Values> = {
  wageMinFen: 'wageMinYuan',
  wageMaxFen: 'wageMaxYuan',
  'requirements.sex': 'sex',
  'requirements.ageMin': 'ageMin',
  'requirements.other': 'description',
};
const fieldOf = (path: string): keyof Values =>
  FIELD_OF[path] ??
  (path.startsWith('requirements.skills')
    ? 'skills'
    : path.startsWith('requirements.certificates')
      ? 'certificates'
      : (path as keyof Values));

/** 发布岗位 / 修改岗位: the moderation runs on 检查 and on save; its findings are shown on their fields. */
export function JobFormModal({ job, onClose }: { job?: Job; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [review, setReview] = useState<Moderation | null>(null);

  const showErrors = (errors: { path: string; message: string }[]) =>
    form.setFields(errors.map((e) => ({ name: fieldOf(e.path), errors: [e.message] })));

  const check = useMutation({
    mutationFn: () => moderateJob(toInput(form.getFieldsValue(true) as Values)),
    onSuccess: (r) => {
      setReview(r);
      showErrors(r.findings.filter((f) => f.severity === 'block').map((f) => ({ path: f.field, message: f.message })));
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      job ? updateJob(job.id, { ...toInput(v), version: job.version }) : createJob(toInput(v)),
    onSuccess: async () => {
      message.success(job ? '岗位已修改' : '岗位已发布');
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) showErrors(e.errors);
    },
  });

  const initial: Partial<Values> = job
    ? {
        employerId: job.employerId,
        title: job.title,
        occupationCode: job.occupationCode,
        headcount: job.headcount,
        wageMinYuan: job.wageMinFen / 100,
        wageMaxYuan: job.wageMaxFen / 100,
        regionCode: job.regionCode,
        address: job.address,
        validUntil: dayjs(job.validUntil),
        sex: job.requirements.sex,
        ageMin: job.requirements.ageMin,
        ageMax: job.requirements.ageMax,
        skills: job.requirements.skills.join('、'),
        certificates: job.requirements.certificates.join('、'),
        benefits: (['housing', 'meals', 'insurance'] as const).filter((b) => job.benefits[b]),
        householdService: job.householdService,
        description: job.description ?? undefined,
      }
    : { headcount: 1, sex: 'any', benefits: [], householdService: false, validUntil: dayjs().add(3, 'month') };

  return (
    <Modal
      open
      width={760}
      title={job ? '修改岗位' : '发布岗位'}
      okText={job ? '保存' : '发布'}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      onCancel={onClose}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Space>
          <CancelBtn />
          <a onClick={() => check.mutate()}>检查歧视性条件</a>
          <OkBtn />
        </Space>
      )}
    >
      {review && (
        <Alert
          style={{ marginBottom: 12 }}
          type={review.blocked ? 'error' : review.findings.length ? 'warning' : 'success'}
          message={
            review.blocked
              ? '未通过审核，不能发布'
              : review.findings.length
                ? '可以发布，但请注意：'
                : '未发现歧视性条件'
          }
          description={review.findings.map((f, i) => (
            <div key={i}>
              {f.kindName}：{f.message}
            </div>
          ))}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={() => setReview(null)}>
        <Space.Compact block>
          <Form.Item
            name="employerId"
            label="用工单位"
            rules={[{ required: true, message: '请选择用工单位' }]}
            style={{ flex: 2 }}
          >
            <EmployerSelect />
          </Form.Item>
          <Form.Item
            name="title"
            label="岗位名称"
            rules={[{ required: true, message: '请填写岗位名称' }]}
            style={{ flex: 2 }}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="occupationCode"
            label="职业（工种）"
            rules={[{ required: true, message: '请选择职业' }]}
            style={{ flex: 2 }}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={OCCUPATIONS.map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }))}
            />
          </Form.Item>
          <Form.Item
            name="headcount"
            label="招聘人数"
            rules={[{ required: true, message: '请填写招聘人数' }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="wageMinYuan"
            label="月薪下限（元）"
            rules={[{ required: true, message: '请填写月薪下限' }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="wageMaxYuan"
            label="月薪上限（元）"
            rules={[{ required: true, message: '请填写月薪上限' }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="regionCode"
            label="工作地点（到乡镇/街道）"
            rules={[{ required: true, message: '请选择工作地点' }]}
            style={{ flex: 1 }}
          >
            <RegionTreeSelect />
          </Form.Item>
          <Form.Item
            name="address"
            label="工作地址"
            rules={[{ required: true, message: '请填写工作地址' }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="validUntil" label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
            <DatePicker />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="sex" label="性别要求" style={{ flex: 1 }}>
            <Select options={Object.entries(SEX_REQUIREMENT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="ageMin" label="年龄下限" style={{ flex: 1 }}>
            <InputNumber min={0} max={99} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ageMax" label="年龄上限" style={{ flex: 1 }}>
            <InputNumber min={0} max={99} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="skills" label="技能要求（用顿号分隔）">
          <Input />
        </Form.Item>
        <Form.Item name="certificates" label="证书要求（用顿号分隔）">
          <Input />
        </Form.Item>
        <Form.Item name="benefits" label="福利待遇">
          <Checkbox.Group
            options={[
              { value: 'housing', label: '提供住宿' },
              { value: 'meals', label: '提供餐食' },
              { value: 'insurance', label: '缴纳社会保险' },
            ]}
          />
        </Form.Item>
        <Form.Item name="householdService" valuePropName="checked">
          <Checkbox>家庭服务业岗位</Checkbox>
        </Form.Item>
        <Form.Item name="description" label="岗位描述">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

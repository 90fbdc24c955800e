import { useMutation } from '@tanstack/react-query';
import { parseMobile } from '@mwsp/domain';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { ProjectDto, ProjectPatch } from '../../../api';
import { updateProject } from '../../../api';
import { dayjs } from '../../../../../components/time';
import { showApiErrorOn } from '../../../components/formErrors';
import { dayOfMonthRules, phoneRule } from '../ProjectFormModal';
import { useConflictAware, useInvalidateProject, ymd } from './common';

interface Values {
  name: string;
  permitNo?: string;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  plannedEndDate?: Dayjs;
  allocationDay: number;
  payDay: number;
  labourOfficerName?: string;
  labourOfficerPhone?: string;
  noticeBoardPostedOn?: Dayjs | null;
}

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** 编辑项目: PATCH /api/projects/:id with the version read (only changed fields are sent). */
export function ProjectEditModal({
  project,
  open,
  onClose,
}: {
  project: ProjectDto;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const onError = useConflictAware(project.id);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: project.name,
      permitNo: project.permitNo ?? undefined,
      fundingInPlace: project.fundingInPlace,
      paymentGuarantee: project.paymentGuarantee,
      plannedEndDate: dayjs(project.plannedEndDate),
      allocationDay: project.allocationDay,
      payDay: project.payDay,
      labourOfficerName: project.labourOfficerName ?? undefined,
      labourOfficerPhone: undefined,
      noticeBoardPostedOn: project.noticeBoardPostedOn ? dayjs(project.noticeBoardPostedOn) : null,
    });
  }, [open, project, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const patch: ProjectPatch = { version: project.version };
      const name = v.name.trim();
      if (name !== project.name) patch.name = name;
      if (text(v.permitNo) !== (project.permitNo ?? null)) patch.permitNo = text(v.permitNo);
      if (v.fundingInPlace !== project.fundingInPlace) patch.fundingInPlace = v.fundingInPlace;
      if (v.paymentGuarantee !== project.paymentGuarantee) patch.paymentGuarantee = v.paymentGuarantee;
      const end = ymd(v.plannedEndDate);
      if (end && end !== project.plannedEndDate) patch.plannedEndDate = end;
      if (v.allocationDay !== project.allocationDay) patch.allocationDay = v.allocationDay;
      if (v.payDay !== project.payDay) patch.payDay = v.payDay;
      if (text(v.labourOfficerName) !== (project.labourOfficerName ?? null))
        patch.labourOfficerName = text(v.labourOfficerName);
      if (v.labourOfficerPhone?.trim()) {
        const r = parseMobile(v.labourOfficerPhone);
        if (r.ok) patch.labourOfficerPhone = r.normalized;
      }
      const posted = ymd(v.noticeBoardPostedOn) ?? null;
      if (posted !== (project.noticeBoardPostedOn ?? null)) patch.noticeBoardPostedOn = posted;
      if (Object.keys(patch).length === 1) return Promise.resolve(null);
      return updateProject(project.id, patch);
    },
    onSuccess: (res) => {
      if (res === null) {
        message.info('未做任何修改');
        onClose();
        return;
      }
      message.success('项目信息已保存');
      invalidate();
      onClose();
    },
    onError: (err) => onError(err, (e) => showApiErrorOn(e, form)),
  });

  return (
    <Modal
      open={open}
      title={`编辑项目：${project.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={760}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        onFinish={(v) => save.mutate(v)}
        data-testid="project-edit-form"
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
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="permitNo" label="施工许可证号" rules={[{ max: 50, message: '不超过 50 个字符' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="plannedEndDate"
              label="计划竣工日期"
              rules={[
                { required: true, message: '请选择计划竣工日期' },
                {
                  validator: (_, v?: Dayjs) =>
                    v && v.format('YYYY-MM-DD') < project.startDate
                      ? Promise.reject(new Error(`计划竣工日期不能早于开工日期（${project.startDate}）`))
                      : Promise.resolve(),
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="allocationDay" label="人工费用拨付日" rules={dayOfMonthRules('人工费用拨付日')}>
              <InputNumber min={1} max={28} precision={0} prefix="每月" suffix="日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="payDay" label="工资支付日" rules={dayOfMonthRules('工资支付日')}>
              <InputNumber min={1} max={28} precision={0} prefix="每月" suffix="日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="fundingInPlace" label="建设资金到位" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="paymentGuarantee" label="工程款支付担保" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="noticeBoardPostedOn"
              label="维权信息告示牌设置日期"
              extra="告示牌在施工现场醒目位置设置后填写"
              rules={[
                {
                  validator: (_, v?: Dayjs | null) =>
                    v && v.isAfter(dayjs(), 'day')
                      ? Promise.reject(new Error('设置日期不能晚于今天'))
                      : Promise.resolve(),
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} placeholder="尚未设置" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labourOfficerName" label="劳资专管员" rules={[{ max: 50, message: '不超过 50 个字' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="labourOfficerPhone"
              label="劳资专管员手机号码"
              extra={`当前：${project.labourOfficerPhone ?? '未登记'}；留空表示不修改`}
              rules={[phoneRule]}
            >
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

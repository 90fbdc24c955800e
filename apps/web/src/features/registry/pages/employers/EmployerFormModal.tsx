import { CodeSelect } from '../../components/CodeSelect';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { checkCreditCode, parseMobile } from '@mwsp/domain';
import { useEffect } from 'react';
import { createEmployer, rqk, updateEmployer } from '../../api';
import { employerSizeLabels } from '../../../../api/labels';
import type { Employer, EmployerInput, EmployerSize } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { useCodeTables } from '../../components/useCodeTables';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';

interface Values {
  creditCode?: string;
  name?: string;
  legalRep?: string;
  industry?: string;
  size?: EmployerSize;
  regionCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

interface Props {
  open: boolean;
  employer: Employer | null;
  onClose: () => void;
}

const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

/** Mobile (normalised to 11 digits) or a landline with area code; null when neither. */
function normalizePhone(input: string): string | null {
  const mobile = parseMobile(input);
  if (mobile.ok) return mobile.normalized;
  const compact = input
    .trim()
    .replace(/[\s\u2010-\u2015\u2212]/g, '-')
    .replace(/-+/g, '-');
  return LANDLINE_RE.test(compact) ? compact : null;
}

const text = (v: string | undefined) => v?.trim() || null;

export function EmployerFormModal({ open, employer, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();
  const codes = useCodeTables();
  const editing = !!employer;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (employer) {
      form.setFieldsValue({
        creditCode: employer.creditCode,
        name: employer.name,
        legalRep: employer.legalRep ?? undefined,
        industry: employer.industry ?? undefined,
        size: employer.size ?? undefined,
        regionCode: employer.regionCode,
        address: employer.address ?? undefined,
        contactName: employer.contactName ?? undefined,
        contactPhone: undefined,
      });
      // Show the check-character warning of a stored code right away.
      void form.validateFields(['creditCode']).catch(() => undefined);
    }
  }, [open, employer, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const cc = checkCreditCode(v.creditCode ?? '');
      const creditCode = cc.ok ? cc.normalized : (v.creditCode ?? '').trim();
      const phone = v.contactPhone?.trim() ? normalizePhone(v.contactPhone) : null;
      if (!employer) {
        const body: EmployerInput = {
          creditCode,
          name: (v.name ?? '').trim(),
          legalRep: text(v.legalRep),
          industry: v.industry as string,
          size: v.size as EmployerSize,
          regionCode: v.regionCode as string,
          address: text(v.address),
          contactName: text(v.contactName),
          contactPhone: phone,
        };
        return createEmployer(body);
      }
      const patch: Partial<EmployerInput> = {};
      if (creditCode !== employer.creditCode) patch.creditCode = creditCode;
      if ((v.name ?? '').trim() !== employer.name) patch.name = (v.name ?? '').trim();
      if (text(v.legalRep) !== (employer.legalRep ?? null)) patch.legalRep = text(v.legalRep);
      if (v.industry && v.industry !== employer.industry) patch.industry = v.industry;
      if (v.size && v.size !== employer.size) patch.size = v.size;
      if (v.regionCode && v.regionCode !== employer.regionCode) patch.regionCode = v.regionCode;
      if (text(v.address) !== (employer.address ?? null)) patch.address = text(v.address);
      if (text(v.contactName) !== (employer.contactName ?? null)) patch.contactName = text(v.contactName);
      if (phone) patch.contactPhone = phone;
      if (Object.keys(patch).length === 0) return Promise.resolve(null);
      return updateEmployer(employer.id, patch);
    },
    onSuccess: (res) => {
      if (res === null) {
        message.info('未做任何修改');
        onClose();
        return;
      }
      message.success(editing ? '用工单位信息已保存' : `已登记用工单位“${res.name}”`);
      if (res.warnings && res.warnings.length > 0) {
        notification.warning({
          message: '已保存，请注意以下提示',
          description: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {res.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ),
          duration: 0,
        });
      }
      void qc.invalidateQueries({ queryKey: rqk.employersAll });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  const sizeOptions =
    codes.tables.employerSizes.length > 0
      ? codes.options('employerSizes')
      : (Object.keys(employerSizeLabels) as EmployerSize[]).map((value) => ({
          value,
          label: employerSizeLabels[value],
        }));

  return (
    <Modal
      open={open}
      title={editing ? `编辑用工单位：${employer?.name}` : '登记用工单位'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={760}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              required
              validateFirst
              rules={[
                {
                  validator: (_, v?: string) => {
                    const r = checkCreditCode(v ?? '');
                    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                  },
                },
                {
                  warningOnly: true,
                  validator: (_, v?: string) => {
                    const r = checkCreditCode(v ?? '');
                    return r.ok && !r.checkDigitValid
                      ? Promise.reject(new Error('统一社会信用代码校验位不符，请核对（如与营业执照一致，仍可保存）'))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={24} style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label="单位名称"
              rules={[
                { required: true, whitespace: true, message: '请输入单位名称' },
                { max: 200, message: '单位名称不超过 200 个字' },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="legalRep" label="法定代表人" rules={[{ max: 50, message: '不超过 50 个字' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="industry" label="行业" rules={[{ required: true, message: '请选择行业' }]}>
              <CodeSelect table="industries" withCode placeholder="请选择行业门类" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="size" label="企业规模" rules={[{ required: true, message: '请选择企业规模' }]}>
              <Select options={sizeOptions} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label="所在区划" rules={[{ required: true, message: '请选择所在区划' }]}>
              <RegionTreeSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址不超过 200 个字' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '不超过 50 个字' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              extra={
                editing ? `当前：${employer?.contactPhone ?? '未登记'}；留空表示不修改` : '手机号码或带区号的固定电话'
              }
              rules={[
                {
                  validator: (_, v?: string) =>
                    !v || !v.trim() || normalizePhone(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('请输入11位手机号码或带区号的固定电话（如 0871-12345678）')),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={24} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

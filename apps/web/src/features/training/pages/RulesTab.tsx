import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { showApiError } from '../../../components/feedback';
import { fenToInput, inputToFen, MoneyCell, yuanRule } from '../../../components/money';
import { useMe } from '../../../auth/MeProvider';
import {
  CERTIFICATE_KIND_LABELS,
  createRule,
  getRules,
  setRuleActive,
  SUBSIDY_PAYEE_LABELS,
  TRAINING_TYPE_LABELS,
  trainingKeys,
  updateRule,
  type RuleInput,
  type SubsidyRule,
} from '../api';

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** What the form holds: the standard as 元 text; empty optional fields are undefined (sent as null). */
interface RuleForm {
  name: string;
  occupationPrefix?: string;
  trainingType?: SubsidyRule['trainingType'];
  certificateKind?: SubsidyRule['certificateKind'];
  amount: string;
  requireCertificate: boolean;
  minAttendancePct: number;
  employedWithinMonths?: number | null;
  payee: SubsidyRule['payee'];
  sharePct: number;
  minContractMonths?: number | null;
  originProvince?: string;
  validFrom: string;
  validTo?: string;
}

const toForm = (r: SubsidyRule): RuleForm => ({
  name: r.name,
  occupationPrefix: r.occupationPrefix ?? undefined,
  trainingType: r.trainingType,
  certificateKind: r.certificateKind,
  amount: fenToInput(r.amountFen),
  requireCertificate: r.requireCertificate,
  minAttendancePct: r.minAttendancePct,
  employedWithinMonths: r.employedWithinMonths,
  payee: r.payee,
  sharePct: r.sharePct,
  minContractMonths: r.minContractMonths,
  originProvince: r.originProvince ?? undefined,
  validFrom: r.validFrom,
  validTo: r.validTo ?? undefined,
});

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const toInput = (v: RuleForm): RuleInput => ({
  name: v.name.trim(),
  occupationPrefix: blank(v.occupationPrefix),
  trainingType: v.trainingType ?? null,
  certificateKind: v.certificateKind ?? null,
  amountFen: inputToFen(v.amount),
  requireCertificate: v.requireCertificate,
  minAttendancePct: v.minAttendancePct,
  employedWithinMonths: v.employedWithinMonths ?? null,
  payee: v.payee,
  sharePct: v.sharePct,
  minContractMonths: v.minContractMonths ?? null,
  originProvince: blank(v.originProvince),
  validFrom: v.validFrom.trim(),
  validTo: blank(v.validTo),
});

/**
 * 新增或修改补贴标准 (city level, `training:rules`). A change applies to claims filed afterwards: a claim keeps
 * the standard it was computed with.
 */
function RuleModal({ rule, onClose }: { rule: SubsidyRule | null; onClose: () => void }) {
  const [form] = Form.useForm<RuleForm>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const payee = Form.useWatch('payee', form);
  const save = useMutation({
    mutationFn: (v: RuleForm) => (rule ? updateRule(rule.id, toInput(v)) : createRule(toInput(v))),
    onSuccess: async () => {
      message.success(rule ? '已修改补贴标准（已计算的补贴不变）' : '已新增补贴标准');
      await qc.invalidateQueries({ queryKey: trainingKeys.rules });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  const initial: Partial<RuleForm> = rule
    ? toForm(rule)
    : { requireCertificate: true, minAttendancePct: 80, payee: 'person', sharePct: 100 };
  return (
    <Modal
      open
      width={720}
      title={rule ? `修改补贴标准：${rule.name}` : '新增补贴标准'}
      okText="保存"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {rule && (
        <Typography.Paragraph type="secondary">
          修改只影响此后申报的补贴；已计算、已审核的补贴仍按原标准。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label="标准名称"
          rules={[{ required: true, whitespace: true, message: '请填写标准名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item
            name="occupationPrefix"
            label="职业（工种）代码前缀"
            tooltip="空为全部职业；如 6-18 或 6-18-02-04"
            rules={[{ pattern: /^[1-8](-\d{2}){0,3}$/, message: '职业代码（前缀）格式应为 6 或 6-18 或 6-18-02-04' }]}
          >
            <Input style={{ width: 180 }} placeholder="全部" />
          </Form.Item>
          <Form.Item name="trainingType" label="培训类型">
            <Select style={{ width: 180 }} allowClear placeholder="全部" options={options(TRAINING_TYPE_LABELS)} />
          </Form.Item>
          <Form.Item name="certificateKind" label="证书种类">
            <Select style={{ width: 200 }} allowClear placeholder="不限" options={options(CERTIFICATE_KIND_LABELS)} />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item
            name="amount"
            label="补贴标准（元/人）"
            rules={[yuanRule({ label: '补贴标准', maxFen: 10_000_000 })]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="payee" label="补贴对象" rules={[{ required: true, message: '请选择补贴对象' }]}>
            <Select style={{ width: 120 }} options={options(SUBSIDY_PAYEE_LABELS)} />
          </Form.Item>
          <Form.Item
            name="sharePct"
            label="补贴比例（%）"
            dependencies={['payee']}
            rules={[
              { required: true, message: '请填写补贴比例' },
              {
                validator: (_, v?: number) =>
                  payee === 'enterprise' && (v ?? 0) > 50
                    ? Promise.reject(new Error('拨付企业的补贴不得超过现行标准的 50%'))
                    : Promise.resolve(),
              },
            ]}
          >
            <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Typography.Text strong>申领条件</Typography.Text>
        <Space size="middle" wrap style={{ marginTop: 8 }}>
          <Form.Item name="requireCertificate" label="须取得证书" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="minAttendancePct"
            label="出勤率下限（%）"
            rules={[{ required: true, message: '请填写出勤率下限' }]}
          >
            <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="employedWithinMonths" label="结业后几个月内就业" tooltip="空为不要求就业">
            <InputNumber min={1} max={60} precision={0} style={{ width: 140 }} placeholder="不要求" />
          </Form.Item>
          <Form.Item name="minContractMonths" label="劳动合同不少于（月）" tooltip="企业新招用人员培训">
            <InputNumber min={1} max={600} precision={0} style={{ width: 140 }} placeholder="不要求" />
          </Form.Item>
          <Form.Item
            name="originProvince"
            label="学员籍贯省份代码"
            tooltip="如 65（新疆）；空为不限"
            rules={[{ pattern: /^\d{2}$/, message: '籍贯省份代码应为 2 位数字' }]}
          >
            <Input style={{ width: 120 }} placeholder="不限" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item
            name="validFrom"
            label="有效期起"
            rules={[{ required: true, message: '请填写有效期起' }, DATE_RULE]}
          >
            <Input style={{ width: 160 }} placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="validTo"
            label="有效期止"
            dependencies={['validFrom']}
            rules={[
              DATE_RULE,
              ({ getFieldValue }) => ({
                validator: (_, v?: string) =>
                  v && v.trim() && v.trim() < String(getFieldValue('validFrom') ?? '')
                    ? Promise.reject(new Error('有效期止不能早于有效期起'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input style={{ width: 160 }} placeholder="长期" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 补贴标准: the city-wide table; city-level holders of `training:rules` add, edit, stop and restart a standard. */
export function RulesTab() {
  const { can } = useMe();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const editor = can('training:rules');
  const [editing, setEditing] = useState<SubsidyRule | 'new' | null>(null);
  const rules = useQuery({ queryKey: trainingKeys.rules, queryFn: ({ signal }) => getRules(signal) });
  const toggle = useMutation({
    mutationFn: (r: SubsidyRule) => setRuleActive(r.id, !r.active),
    onSuccess: async (r) => {
      message.success(r.active ? '已启用' : '已停用');
      await qc.invalidateQueries({ queryKey: trainingKeys.rules });
    },
    onError: (err) => showApiError(err),
  });
  const columns: TableColumnsType<SubsidyRule> = [
    { title: '标准名称', dataIndex: 'name' },
    { title: '职业（前缀）', dataIndex: 'occupationPrefix', width: 110, render: (v: string | null) => v ?? '全部' },
    {
      title: '培训类型',
      dataIndex: 'trainingType',
      width: 150,
      render: (v: SubsidyRule['trainingType']) => (v ? TRAINING_TYPE_LABELS[v] : '全部'),
    },
    {
      title: '证书',
      dataIndex: 'certificateKind',
      width: 140,
      render: (v: SubsidyRule['certificateKind']) => (v ? CERTIFICATE_KIND_LABELS[v] : '不限'),
    },
    { title: '标准（元）', dataIndex: 'amountFen', width: 110, render: (v: number) => <MoneyCell fen={v} /> },
    {
      title: '条件',
      render: (_: unknown, r) =>
        [
          r.requireCertificate ? '取得证书' : null,
          r.minAttendancePct ? `出勤≥${r.minAttendancePct}%` : null,
          r.employedWithinMonths ? `${r.employedWithinMonths}个月内就业` : null,
          r.minContractMonths ? `合同≥${r.minContractMonths}个月` : null,
          r.originProvince === '65' ? '新疆籍' : r.originProvince ? `籍贯 ${r.originProvince}` : null,
          r.payee === 'enterprise' ? `拨付企业 ${r.sharePct}%` : r.sharePct < 100 ? `按 ${r.sharePct}%` : null,
        ]
          .filter(Boolean)
          .join('，'),
    },
    { title: '有效期', width: 200, render: (_: unknown, r) => `${r.validFrom} 至 ${r.validTo ?? '长期'}` },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    ...(editor
      ? [
          {
            title: '操作',
            width: 130,
            render: (_: unknown, r: SubsidyRule) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Button
                  size="small"
                  danger={r.active}
                  onClick={() =>
                    modal.confirm({
                      title: `${r.active ? '停用' : '启用'}补贴标准“${r.name}”？`,
                      content: r.active ? '停用后新的申报不再适用此标准；已计算的补贴不变。' : undefined,
                      okText: r.active ? '停用' : '启用',
                      onOk: () => toggle.mutateAsync(r),
                    })
                  }
                >
                  {r.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {editor && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增补贴标准
          </Button>
          <Typography.Text type="secondary">补贴标准全市通用，由市级设定</Typography.Text>
        </Space>
      )}
      <Table<SubsidyRule>
        rowKey="id"
        size="middle"
        loading={rules.isFetching}
        dataSource={rules.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1200 }}
      />
      {editing && <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { showApiError } from '../../../components/feedback';
import { formatFen } from '../../../components/money';
import {
  CERTIFICATE_KIND_LABELS,
  createClaim,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  issueCertificate,
  previewSubsidy,
  setResult,
  SKILL_LEVEL_LABELS,
  trainingKeys,
  type CertificateInput,
  type Enrolment,
  type ResultInput,
} from '../api';

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

interface Props {
  classId: string;
  enrolment: Enrolment;
  onClose: () => void;
}

function useRefresh(classId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trainingKeys.class(classId) });
}

/** 登记结果: exam result and score, completion, employment, contract length, withdrawal. */
export function ResultModal({ classId, enrolment, onClose }: Props) {
  const [form] = Form.useForm<ResultInput>();
  const refresh = useRefresh(classId);
  const save = useMutation({
    mutationFn: (v: ResultInput) =>
      setResult(classId, enrolment.id, {
        ...v,
        completedOn: v.completedOn || undefined,
        employedOn: v.employedOn || undefined,
      }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal open title={`登记结果：${enrolment.workerName}`} okText="保存" onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          status: enrolment.status,
          examResult: enrolment.examResult,
          examScore: enrolment.examScore,
          employedOn: enrolment.employedOn ?? '',
          contractMonths: enrolment.contractMonths,
        }}
      >
        <Form.Item name="examResult" label="考核结果">
          <Select allowClear options={options(EXAM_RESULT_LABELS)} />
        </Form.Item>
        <Form.Item name="examScore" label="成绩">
          <InputNumber min={0} max={1000} />
        </Form.Item>
        <Form.Item name="status" label="学员状态">
          <Select options={options(ENROLMENT_STATUS_LABELS)} />
        </Form.Item>
        <Form.Item name="completedOn" label="结业日期（默认为结班日期）" rules={[DATE_RULE]}>
          <Input />
        </Form.Item>
        <Form.Item name="employedOn" label="就业日期" rules={[DATE_RULE]}>
          <Input />
        </Form.Item>
        <Form.Item name="contractMonths" label="劳动合同期限（月）">
          <InputNumber min={0} max={600} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记证书: kind, level, number, date — it lands on the worker's 一人一档 timeline. */
export function CertificateModal({ classId, enrolment, onClose }: Props) {
  const [form] = Form.useForm<CertificateInput>();
  const kind = Form.useWatch('kind', form);
  const refresh = useRefresh(classId);
  const save = useMutation({
    mutationFn: (v: CertificateInput) => issueCertificate(classId, enrolment.id, v),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal open title={`登记证书：${enrolment.workerName}`} okText="登记" onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'training' }}>
        <Form.Item name="kind" label="证书种类" rules={[{ required: true }]}>
          <Select options={options(CERTIFICATE_KIND_LABELS)} />
        </Form.Item>
        {(kind === 'skill_level' || kind === 'qualification') && (
          <Form.Item
            name="level"
            label="等级"
            rules={[{ required: kind === 'skill_level', message: '职业技能等级证书须填写等级' }]}
          >
            <Select allowClear options={options(SKILL_LEVEL_LABELS)} />
          </Form.Item>
        )}
        <Form.Item
          name="number"
          label="证书编号"
          rules={[{ required: true, whitespace: true, message: '请填写证书编号' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请填写发证日期' }, DATE_RULE]}>
          <Input placeholder="2026-04-10" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ClaimValues {
  payeeName: string;
  account: string;
  bankName: string;
}

/** 补贴试算与申报: the rule that applies and its amount, or the conditions not met; then the claim. */
export function ClaimModal({ classId, enrolment, onClose }: Props) {
  const [form] = Form.useForm<ClaimValues>();
  const { message } = App.useApp();
  const refresh = useRefresh(classId);
  const preview = useQuery({
    queryKey: [...trainingKeys.enrolments(classId), enrolment.id, 'subsidy'],
    queryFn: () => previewSubsidy(classId, enrolment.id),
  });
  const save = useMutation({
    mutationFn: (v: ClaimValues) => createClaim({ enrolmentId: enrolment.id, ...v }),
    onSuccess: async (c) => {
      message.success(`已申报，${formatFen(c.amountFen)} 元，待审核`);
      await refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  const p = preview.data;
  return (
    <Modal
      open
      title={`培训补贴：${enrolment.workerName}`}
      okText="申报"
      okButtonProps={{ disabled: !p?.ok }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {p && p.ok && (
        <Alert
          type="success"
          showIcon
          message={`${p.ruleName}：${formatFen(p.amountFen)} 元`}
          description={p.basis.join('；')}
          style={{ marginBottom: 16 }}
        />
      )}
      {p && !p.ok && (
        <Alert
          type="warning"
          showIcon
          message="不符合补贴条件"
          description={p.reasons.map((r) => (
            <Typography.Paragraph key={r} style={{ margin: 0 }}>
              {r}
            </Typography.Paragraph>
          ))}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!p?.ok}>
        <Form.Item
          name="payeeName"
          label="收款人（单位）"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="account"
          label="收款账号"
          rules={[{ required: true, whitespace: true, message: '请填写收款账号' }]}
        >
          <Input maxLength={40} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="bankName"
          label="开户行"
          rules={[{ required: true, whitespace: true, message: '请填写开户行' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { showApiError } from '../../../components/feedback';
import { inputToFen, yuanRule } from '../../../components/money';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  applyArbitration,
  applyMediation,
  CLAIM_KIND_LABELS,
  getActiveMediationOrgs,
  type ArbitrationInput,
} from '../api';

interface Values {
  regionCode?: string;
  orgId?: string;
  applicantName: string;
  phone?: string;
  migrantWorker?: boolean;
  employerName: string;
  claimKind: ArbitrationInput['claims'][number]['kind'];
  amount?: string;
  summary: string;
}

/**
 * 登记仲裁申请 / 登记调解申请: the applicant, the employer, the claim. A migrant worker's wage claim goes on the
 * green channel (绿色通道), decided by the server.
 */
export function DisputeModal({
  kind,
  onClose,
  onFiled,
}: {
  kind: 'arbitration' | 'mediation';
  onClose: () => void;
  onFiled: (id: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const orgs = useQuery({
    queryKey: ['mediation-orgs', 'active'],
    queryFn: ({ signal }) => getActiveMediationOrgs(signal),
    enabled: kind === 'mediation',
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        applicantName: v.applicantName,
        phone: v.phone || null,
        migrantWorker: v.migrantWorker ?? false,
        employerName: v.employerName,
        claims: [{ kind: v.claimKind, amountFen: v.amount ? inputToFen(v.amount) : null, description: '' }],
        summary: v.summary,
      };
      return kind === 'arbitration'
        ? applyArbitration({ ...common, regionCode: v.regionCode! })
        : applyMediation({ ...common, orgId: v.orgId! });
    },
    onSuccess: (c) => {
      message.success(c.tags.some((x) => x.code === 'green_channel') ? '已登记（绿色通道）' : '已登记');
      onFiled(c.id);
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={kind === 'arbitration' ? '登记仲裁申请' : '登记调解申请'}
      okText="登记"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ claimKind: 'wages' }}>
        {kind === 'arbitration' ? (
          <Form.Item
            name="regionCode"
            label="劳动合同履行地或用人单位所在地"
            rules={[{ required: true, message: '请选择所在地' }]}
          >
            <RegionTreeSelect />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label="调解组织" rules={[{ required: true, message: '请选择调解组织' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={orgs.isLoading}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="applicantName"
          label="申请人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写申请人姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号码' }]}>
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="migrantWorker" valuePropName="checked">
          <Checkbox>申请人为农民工（追索劳动报酬的走绿色通道）</Checkbox>
        </Form.Item>
        <Form.Item
          name="employerName"
          label="被申请人（用人单位）"
          rules={[{ required: true, whitespace: true, message: '请填写用人单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="claimKind" label="请求类别" rules={[{ required: true, message: '请选择请求类别' }]}>
          <Select options={Object.entries(CLAIM_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="amount" label="请求金额（元）" rules={[yuanRule()]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="summary"
          label="请求事项与事实理由"
          rules={[{ required: true, whitespace: true, message: '请填写请求事项与事实理由' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

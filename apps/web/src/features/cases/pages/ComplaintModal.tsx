import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  ClaimItems,
  complaintOf,
  MobilePhoneItem,
  SummaryItem,
  type ComplaintFormValues,
} from '../../../components/complaintFields';
import { showApiError } from '../../../components/feedback';
import { COMPLAINT_CHANNEL_LABELS, createComplaint, type ComplaintInput } from '../api';

interface Values extends ComplaintFormValues {
  channel: ComplaintInput['channel'];
}

/** 登记投诉举报: a complaint taken on the phone (12333), at the window, from a letter, a grid report … */
export function ComplaintModal({ onClose, onFiled }: { onClose: () => void; onFiled: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: Values) => createComplaint({ channel: v.channel, ...complaintOf(v) }),
    onSuccess: (c) => {
      message.success(`已登记，回执号 ${c.receiptNo}`);
      onFiled(c.id);
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title="登记投诉举报"
      okText="登记"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ channel: 'hotline', claimKind: 'wages' }}
      >
        <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
          <Select options={Object.entries(COMPLAINT_CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="regionCode" label="被投诉单位所在地" rules={[{ required: true, message: '请选择所在地' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="complainantName"
          label="投诉人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写投诉人姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <MobilePhoneItem label="联系电话" />
        <Form.Item name="groupSize" label="群体性投诉人数（个人投诉不填）">
          <InputNumber min={2} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="employerName"
          label="被投诉单位"
          rules={[{ required: true, whitespace: true, message: '请填写被投诉单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="projectName" label="工程项目（如有）">
          <Input maxLength={100} />
        </Form.Item>
        <ClaimItems kindLabel="诉求类别" kindMessage="请选择诉求类别" amountLabel="诉求金额（元）" />
        <SummaryItem label="投诉事项" message="请填写投诉事项" />
      </Form>
    </Modal>
  );
}

import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { showApiError } from '../../../../components/feedback';
import {
  createProvider,
  LEGAL_AID_PROVIDER_KIND_LABELS,
  updateProvider,
  type LegalAidProvider,
  type LegalAidProviderInput,
} from '../../api';

interface Values {
  kind: LegalAidProviderInput['kind'];
  name: string;
  organisation?: string;
  practiceNo?: string;
  phone?: string;
  regionCode: string;
  active: boolean;
}

/** 登记 / 修改 法律援助机构或律师. */
export function ProviderFormModal({
  provider,
  onClose,
  onSaved,
}: {
  provider: LegalAidProvider | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: LegalAidProviderInput = {
        kind: v.kind,
        name: v.name,
        organisation: v.organisation || null,
        practiceNo: v.practiceNo || null,
        phone: v.phone || null,
        regionCode: v.regionCode,
        active: v.active,
      };
      return provider ? updateProvider(provider.id, body) : createProvider(body);
    },
    onSuccess: () => {
      message.success(provider ? '已保存' : '已登记');
      onSaved();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={provider ? '修改法律援助机构或律师' : '登记法律援助机构或律师'}
      okText={provider ? '保存' : '登记'}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          provider
            ? {
                kind: provider.kind,
                name: provider.name,
                organisation: provider.organisation ?? undefined,
                practiceNo: provider.practiceNo ?? undefined,
                phone: provider.phone ?? undefined,
                regionCode: provider.regionCode,
                active: provider.active,
              }
            : { kind: 'lawyer', active: true }
        }
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            options={Object.entries(LEGAL_AID_PROVIDER_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={kind === 'organisation' ? '机构名称' : '律师姓名'}
          rules={[{ required: true, whitespace: true, message: '请填写名称或姓名' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="organisation" label="执业机构（律师事务所、法律援助中心）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="practiceNo"
          label={kind === 'organisation' ? '执业许可证号' : '律师执业证号'}
          rules={kind === 'lawyer' ? [{ required: true, whitespace: true, message: '律师须填写执业证号' }] : []}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地" rules={[{ required: true, message: '请选择所在地' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="active" label="在用" valuePropName="checked">
          <Switch checkedChildren="在用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

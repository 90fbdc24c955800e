import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { ClaimItems, claimsOf, MobilePhoneItem, SummaryItem } from '../../../components/complaintFields';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { showApiError } from '../../../components/feedback';
import { reportFromGrid, type Grid, type GridReportBody } from '../api';

interface Values {
  regionCode: string;
  complainantName: string;
  phone: string;
  employerName: string;
  claimKind: GridReportBody['claims'][number]['kind'];
  amount?: string;
  summary: string;
}

/** 网格员上报线索: a clue found on the grid, registered as a complaint (来源：网格员报告) inside the grid's area. */
export function GridReportModal({ grid, onClose }: { grid: Grid; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) =>
      reportFromGrid(grid.id, {
        regionCode: v.regionCode,
        complainantName: v.complainantName,
        phone: v.phone,
        employerName: v.employerName,
        claims: claimsOf(v.claimKind, v.amount),
        summary: v.summary,
      }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['cases'] });
      message.success(`线索已登记为投诉举报，回执号 ${c.receiptNo}`);
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={`上报线索 · ${grid.name}`}
      okText="上报"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ regionCode: grid.regionCode, claimKind: 'wages' }}
      >
        <Form.Item name="regionCode" label="所在地（网格范围内）" rules={[{ required: true, message: '请选择所在地' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="complainantName"
          label="反映人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写反映人姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <MobilePhoneItem label="联系电话" />
        <Form.Item
          name="employerName"
          label="涉及单位"
          rules={[{ required: true, whitespace: true, message: '请填写涉及单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <ClaimItems kindLabel="线索类别" kindMessage="请选择线索类别" amountLabel="涉及金额（元）" />
        <SummaryItem label="线索内容" message="请填写线索内容" />
      </Form>
    </Modal>
  );
}

// Modals of an arrears case: payment, payment order (限期支付令), transfer to the police, closing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fenToYuan } from '@mwsp/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { getDeadline } from '../../../system/api';
import { addArrearsPayment, closeArrears, orderArrears, transferArrears, wqk } from '../../api';
import type { ArrearsDetail, ArrearsPaymentSource } from '../../api';
import { showApiError } from '../../../../components/feedback';
import { dayjs, notFuture } from '../../../../components/time';
import { paymentSourceHints, paymentSourceLabels } from './labels';
import { formatYuanText, inputToFen, yuanRule } from '../../../../components/money';

interface Props {
  c: ArrearsDetail;
  open: boolean;
  onClose: () => void;
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: wqk.arrearsCase(id) });
    void qc.invalidateQueries({ queryKey: ['arrears', 'list'] });
    void qc.invalidateQueries({ queryKey: ['wages', 'dashboard'] });
  };
}

// ---------------------------------------------------------------- payment

interface PaymentValues {
  source?: ArrearsPaymentSource;
  amount?: string;
  onDate?: Dayjs;
  note?: string;
}

export function PaymentModal({ c, open, onClose }: Props) {
  const [form] = Form.useForm<PaymentValues>();
  const { message } = App.useApp();
  const refresh = useRefresh(c.id);
  const source = Form.useWatch('source', form);
  const maxFen = source === 'recovery' ? c.advances.outstandingAdvanceFen : c.outstandingFen;

  const save = useMutation({
    mutationFn: (v: PaymentValues) =>
      addArrearsPayment(c.id, {
        source: v.source as ArrearsPaymentSource,
        amountFen: inputToFen(v.amount),
        onDate: (v.onDate as Dayjs).format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      message.success('支付记录已登记');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  const options = (Object.keys(paymentSourceLabels) as ArrearsPaymentSource[]).map((value) => ({
    value,
    label: paymentSourceLabels[value],
    disabled:
      value === 'recovery'
        ? c.advances.outstandingAdvanceFen <= 0
        : c.outstandingFen <= 0 || c.status === 'transferred',
  }));

  return (
    <Modal
      open={open}
      title="登记支付"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'arrears-payment-ok' }}
    >
      <Typography.Paragraph type="secondary">
        未清偿 {formatYuanText(c.outstandingFen)}；应急周转金待追偿 {formatYuanText(c.advances.outstandingAdvanceFen)}
        。支付金额按月份先后冲抵各工人欠薪（先清偿最早月份）。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        autoComplete="off"
        preserve={false}
        initialValues={{ onDate: dayjs() }}
        data-testid="arrears-payment-form"
      >
        <Form.Item
          name="source"
          label="资金来源"
          rules={[{ required: true, message: '请选择资金来源' }]}
          extra={source ? paymentSourceHints[source] : undefined}
        >
          <Select
            options={options}
            placeholder="请选择"
            onChange={() => void form.validateFields(['amount']).catch(() => undefined)}
            data-testid="arrears-payment-source"
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="金额"
          required
          dependencies={['source']}
          rules={[
            yuanRule({
              positive: true,
              maxFen,
              maxText:
                source === 'recovery'
                  ? `追偿归还金额不能超过待追偿的 ${fenToYuan(Math.max(0, maxFen))} 元`
                  : `支付金额不能超过未清偿的 ${fenToYuan(Math.max(0, maxFen))} 元`,
            }),
          ]}
        >
          <Input inputMode="decimal" suffix="元" placeholder="如 12000.00" data-testid="arrears-payment-amount" />
        </Form.Item>
        <Form.Item name="onDate" label="支付日期" rules={[{ required: true, message: '请选择支付日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 200, message: '不超过 200 个字符' }]}>
          <Input.TextArea rows={2} placeholder="选填：银行回单号、垫付文件号等" showCount maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- payment order

interface OrderValues {
  orderNo?: string;
  orderedOn?: Dayjs;
  dueWorkingDays?: number;
}

export function OrderModal({ c, open, onClose }: Props) {
  const [form] = Form.useForm<OrderValues>();
  const { message } = App.useApp();
  const refresh = useRefresh(c.id);
  const orderedOn = Form.useWatch('orderedOn', form) as Dayjs | undefined;
  const days = Form.useWatch('dueWorkingDays', form) as number | undefined;
  const start = orderedOn?.format('YYYY-MM-DD');
  const validDays = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 30;

  const deadline = useQuery({
    queryKey: ['calendar', 'deadline', start, days],
    queryFn: () => getDeadline(start as string, days as number, 'working'),
    enabled: open && !!start && validDays,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });

  const save = useMutation({
    mutationFn: (v: OrderValues) =>
      orderArrears(c.id, {
        orderNo: (v.orderNo ?? '').trim(),
        orderedOn: (v.orderedOn as Dayjs).format('YYYY-MM-DD'),
        dueWorkingDays: v.dueWorkingDays as number,
      }),
    onSuccess: () => {
      message.success('限期支付令已登记');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={open}
      title="下达限期支付令"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      okButtonProps={{ 'data-testid': 'arrears-order-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        autoComplete="off"
        preserve={false}
        initialValues={{ orderedOn: dayjs() }}
        data-testid="arrears-order-form"
      >
        <Form.Item
          name="orderNo"
          label="支付令文号"
          rules={[
            { required: true, whitespace: true, message: '请输入限期支付令文号' },
            { max: 60, message: '不超过 60 个字符' },
          ]}
        >
          <Input placeholder="如 ×人社监令〔2026〕12号" maxLength={60} />
        </Form.Item>
        <Form.Item name="orderedOn" label="下达日期" rules={[{ required: true, message: '请选择下达日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item
          name="dueWorkingDays"
          label="限期（工作日）"
          rules={[
            { required: true, message: '请输入限期支付的工作日数' },
            { type: 'integer', min: 1, max: 30, message: '支付期限应为 1～30 个工作日' },
          ]}
          extra={
            start && validDays
              ? deadline.data
                ? `按工作日历计算，期限届满日为 ${deadline.data.due}`
                : deadline.isFetching
                  ? '正在计算期限届满日…'
                  : undefined
              : '按工作日历（扣除法定节假日）计算期限届满日'
          }
        >
          {/* No min/max clamping: a typed 0 must be refused with the message, not silently turned into 1. */}
          <InputNumber precision={0} style={{ width: '100%' }} addonAfter="个工作日" data-testid="order-due-days" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- transfer, close

function NoteModal({
  open,
  onClose,
  title,
  label,
  placeholder,
  okText,
  confirmTitle,
  confirmText,
  warning,
  onSubmit,
  pending,
  testId,
  maxLength,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  label: string;
  placeholder: string;
  okText: string;
  confirmTitle: string;
  confirmText: string;
  warning?: string;
  onSubmit: (note: string) => Promise<unknown>;
  pending: boolean;
  testId: string;
  maxLength: number;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const { modal } = App.useApp();
  const finish = (v: { note: string }) =>
    modal.confirm({
      title: confirmTitle,
      content: confirmText,
      okText,
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => onSubmit(v.note.trim()).catch((err) => showApiError(err, form)),
    });
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-ok` }}
      confirmLoading={pending}
      destroyOnHidden
      maskClosable={false}
    >
      {warning && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={warning} />}
      <Form form={form} layout="vertical" onFinish={finish} autoComplete="off" preserve={false} data-testid={testId}>
        <Form.Item
          name="note"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { min: 4, message: `请具体填写${label}（不少于 4 个字）` },
            { max: maxLength, message: `不超过 ${maxLength} 个字符` },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={maxLength} placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransferModal({ c, open, onClose }: Props) {
  const { message } = App.useApp();
  const refresh = useRefresh(c.id);
  const save = useMutation({
    mutationFn: (note: string) => transferArrears(c.id, note),
    onSuccess: () => {
      message.success('案件已移送公安机关');
      refresh();
      onClose();
    },
    onError: () => undefined,
  });
  return (
    <NoteModal
      open={open}
      onClose={onClose}
      title="移送公安机关"
      label="移送说明"
      placeholder="如：经责令限期支付后逾期仍不支付，涉嫌拒不支付劳动报酬罪，移送××公安分局，移送函文号……"
      okText="确认移送"
      confirmTitle="确认移送公安"
      confirmText="移送后案件状态变为“已移送公安”，该操作不可撤销。确认移送？"
      warning="移送后由公安机关依法处理。请确认已核实有能力支付而不支付等其他要件，并已生成证据材料。"
      onSubmit={(note) => save.mutateAsync(note)}
      pending={save.isPending}
      testId="arrears-transfer-form"
      maxLength={1000}
    />
  );
}

export function CloseCaseModal({ c, open, onClose }: Props) {
  const { message } = App.useApp();
  const refresh = useRefresh(c.id);
  const save = useMutation({
    mutationFn: (note: string) => closeArrears(c.id, note),
    onSuccess: () => {
      message.success('案件已结案');
      refresh();
      onClose();
    },
    onError: () => undefined,
  });
  return (
    <NoteModal
      open={open}
      onClose={onClose}
      title="结案"
      label="结案说明"
      placeholder="如：欠薪已全部清偿，应急周转金已追偿完毕"
      okText="确认结案"
      confirmTitle="确认结案"
      confirmText="结案后不能再登记支付或办理其他事项，确认结案？"
      warning={
        c.advances.outstandingAdvanceFen > 0
          ? `应急周转金尚有 ${formatYuanText(c.advances.outstandingAdvanceFen)} 未追偿，结案后请继续跟进追偿。`
          : undefined
      }
      onSubmit={(note) => save.mutateAsync(note)}
      pending={save.isPending}
      testId="arrears-close-form"
      maxLength={500}
    />
  );
}

import { useMutation } from '@tanstack/react-query';
import { monthLabel, parseYuan } from '@mwsp/domain';
import { Alert, App, Col, Descriptions, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import type { PayrollLine } from '../../../api';
import { createAdjustment } from '../../../api';
import { showApiErrorOn } from '../../../components/formErrors';
import { useInvalidateProject } from './common';
import { formatFen, inputToFen, yuanRule } from '../../../../../components/money';

interface Values {
  lineId?: string;
  payable?: string;
  deductions?: string;
  reason?: string;
}

const fenOr0 = (v: string | undefined) => {
  if (!v || !v.trim()) return 0;
  const r = parseYuan(v, { allowNegative: true });
  return r.ok ? r.fen : null;
};

/** The server refuses adjustments above 1,000,000 元 either way (a typing error). */
const absLimit = {
  validator: (_: unknown, v?: string) => {
    const f = fenOr0(v);
    return f !== null && Math.abs(f) > 100_000_000
      ? Promise.reject(new Error('调整金额绝对值不能超过 1,000,000.00 元'))
      : Promise.resolve();
  },
};

/** The effective figures of an original line: the line plus every adjusting entry on it. */
export function effectiveOf(line: PayrollLine, lines: PayrollLine[]) {
  const adj = lines.filter((l) => l.entry === 'adjustment' && String(l.adjustsLineId) === String(line.lineId));
  return adj.reduce(
    (t, l) => ({
      payableFen: t.payableFen + l.payableFen,
      deductionsFen: t.deductionsFen + l.deductionsFen,
      netFen: t.netFen + l.netFen,
    }),
    { payableFen: line.payableFen, deductionsFen: line.deductionsFen, netFen: line.netFen },
  );
}

/**
 * 录入更正分录: POST /api/projects/:id/payrolls/adjustments with deltas against one ledger line.
 * The ledger is never edited nor deleted; the correction is a new, permanent entry.
 */
export function AdjustmentModal({
  projectId,
  month,
  lines,
  lineId,
  open,
  onClose,
}: {
  projectId: string;
  month: string;
  lines: PayrollLine[];
  lineId: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateProject(projectId);
  const originals = lines.filter((l) => l.entry === 'original');
  const selectedId = Form.useWatch('lineId', form);
  const payable = Form.useWatch('payable', form);
  const deductions = Form.useWatch('deductions', form);
  const line = originals.find((l) => String(l.lineId) === selectedId);
  const eff = line ? effectiveOf(line, lines) : null;
  const dp = fenOr0(payable);
  const dd = fenOr0(deductions);
  const dn = dp !== null && dd !== null ? dp - dd : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ lineId: lineId ?? undefined });
  }, [open, lineId, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const p = v.payable?.trim() ? inputToFen(v.payable, true) : 0;
      const d = v.deductions?.trim() ? inputToFen(v.deductions, true) : 0;
      const target = originals.find((l) => String(l.lineId) === v.lineId) as PayrollLine;
      return createAdjustment(projectId, {
        lineId: target.lineId,
        payableFen: p,
        deductionsFen: d,
        netFen: p - d,
        reason: (v.reason ?? '').trim(),
      });
    },
    onSuccess: () => {
      message.success('更正分录已记入工资支付台账');
      invalidate();
      onClose();
    },
    onError: (err) =>
      showApiErrorOn(err, form, { payableFen: 'payable', deductionsFen: 'deductions', netFen: 'payable' }),
  });

  const after =
    eff && dp !== null && dd !== null
      ? { p: eff.payableFen + dp, d: eff.deductionsFen + dd, n: eff.netFen + (dn ?? 0) }
      : null;

  const submit = (v: Values) => {
    if (after && (after.p < 0 || after.d < 0 || after.n < 0)) {
      form.setFields([{ name: 'payable', errors: ['更正后的应发、扣款和实发都不能为负数'] }]);
      return;
    }
    modal.confirm({
      title: '确认录入更正分录？',
      content: '更正分录将永久记入工资支付台账，提交后不能修改或删除；如有错误，只能再录入一笔更正分录冲正。',
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: () => save.mutateAsync(v).catch(() => undefined),
    });
  };

  return (
    <Modal
      open={open}
      title={`录入更正分录（${monthLabel(month)}）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交更正"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={640}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="工资支付台账不能删除或修改"
        description="依《保障农民工工资支付条例》第十五条，工资支付台账至少保存 3 年。发现差错时，请针对原记录录入更正分录（填写增减金额，可为负数），原记录保持不变。"
      />
      <Form<Values> form={form} layout="vertical" autoComplete="off" onFinish={submit} data-testid="adjustment-form">
        <Form.Item name="lineId" label="更正的台账记录" rules={[{ required: true, message: '请选择要更正的台账记录' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择人员"
            options={originals.map((l) => ({
              value: String(l.lineId),
              label: `#${l.lineId} ${l.name}（${l.idMasked}） 实发 ${formatFen(effectiveOf(l, lines).netFen)} 元`,
            }))}
          />
        </Form.Item>
        {eff && (
          <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="现应发">{formatFen(eff.payableFen)}</Descriptions.Item>
            <Descriptions.Item label="现扣款">{formatFen(eff.deductionsFen)}</Descriptions.Item>
            <Descriptions.Item label="现实发">{formatFen(eff.netFen)}</Descriptions.Item>
          </Descriptions>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="payable"
              label="应发增减"
              extra="增加填正数，减少填负数"
              rules={[yuanRule({ required: false, allowNegative: true, label: '应发增减' }), absLimit]}
            >
              <Input inputMode="decimal" suffix="元" placeholder="如 -200.00" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="deductions"
              label="扣款增减"
              dependencies={['payable']}
              rules={[
                yuanRule({ required: false, allowNegative: true, label: '扣款增减' }),
                absLimit,
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => {
                    const a = fenOr0(getFieldValue('payable'));
                    const b = fenOr0(v);
                    return a === 0 && b === 0
                      ? Promise.reject(new Error('应发增减和扣款增减不能都为 0'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input inputMode="decimal" suffix="元" placeholder="如 0" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="实发增减（= 应发增减 − 扣款增减）">
          <Typography.Text strong type={dn !== null && dn < 0 ? 'danger' : undefined} data-testid="adjustment-net">
            {dn === null ? '—' : `${formatFen(dn)} 元`}
          </Typography.Text>
          {after && (
            <Typography.Text
              type={after.n < 0 || after.p < 0 || after.d < 0 ? 'danger' : 'secondary'}
              style={{ marginInlineStart: 16 }}
            >
              更正后：应发 {formatFen(after.p)}，扣款 {formatFen(after.d)}，实发 {formatFen(after.n)} 元
              {(after.n < 0 || after.p < 0 || after.d < 0) && '（不能为负数）'}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item
          name="reason"
          label="更正原因"
          rules={[
            { required: true, whitespace: true, message: '请填写更正原因' },
            { min: 4, message: '更正原因至少 4 个字' },
            { max: 200, message: '更正原因不超过 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：3 月考勤漏记 2 天，补发应发工资" showCount maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

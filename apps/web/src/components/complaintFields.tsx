import { Form, Input, Select } from 'antd';
import { CLAIM_KIND_LABELS, type ClaimKind } from '@mwsp/domain';
import { inputToFen, yuanRule } from './money';

/**
 * The pieces every complaint form shares (登记投诉举报 in the console, 网格员上报线索, the public 网上投诉): the
 * mobile number, the claim (kind and amount) and the free text. Each form keeps its own layout, order and wording.
 */

const CLAIM_KIND_OPTIONS = Object.entries(CLAIM_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** The one claim a complaint form asks for: its kind and amount in 元 (empty: no amount). */
export const claimsOf = (kind: ClaimKind, amount?: string) => [
  { kind, amountFen: amount ? inputToFen(amount) : null, description: '' },
];

/** What a complaint form holds (its own extra fields aside: the channel, the honeypot …). */
export interface ComplaintFormValues {
  regionCode: string;
  complainantName: string;
  phone: string;
  groupSize?: number;
  employerName: string;
  projectName?: string;
  claimKind: ClaimKind;
  amount?: string;
  summary: string;
}

/** The complaint's part of the request a complaint form sends (empty optional fields as null). */
export const complaintOf = (v: ComplaintFormValues) => ({
  regionCode: v.regionCode,
  complainantName: v.complainantName,
  phone: v.phone,
  groupSize: v.groupSize ?? null,
  employerName: v.employerName,
  projectName: v.projectName || null,
  claims: claimsOf(v.claimKind, v.amount),
  summary: v.summary,
});

/** A required 11-digit mobile number (`phone`). */
export function MobilePhoneItem({ label, autoComplete }: { label: string; autoComplete?: string }) {
  return (
    <Form.Item
      name="phone"
      label={label}
      rules={[{ required: true, pattern: /^1\d{10}$/, message: '请填写 11 位手机号码' }]}
    >
      <Input maxLength={11} inputMode="tel" autoComplete={autoComplete} />
    </Form.Item>
  );
}

/** The claim: its kind (`claimKind`, required) and amount in 元 (`amount`, optional). */
export function ClaimItems({
  kindLabel,
  kindMessage,
  amountLabel,
}: {
  kindLabel: string;
  kindMessage?: string;
  amountLabel: string;
}) {
  return (
    <>
      <Form.Item
        name="claimKind"
        label={kindLabel}
        rules={[kindMessage ? { required: true, message: kindMessage } : { required: true }]}
      >
        <Select options={CLAIM_KIND_OPTIONS} />
      </Form.Item>
      <Form.Item name="amount" label={amountLabel} rules={[yuanRule()]}>
        <Input inputMode="decimal" />
      </Form.Item>
    </>
  );
}

/** What happened (`summary`, required, up to 2,000 characters). */
export function SummaryItem({ label, message, placeholder }: { label: string; message: string; placeholder?: string }) {
  return (
    <Form.Item name="summary" label={label} rules={[{ required: true, whitespace: true, message }]}>
      <Input.TextArea rows={4} maxLength={2000} showCount placeholder={placeholder} />
    </Form.Item>
  );
}

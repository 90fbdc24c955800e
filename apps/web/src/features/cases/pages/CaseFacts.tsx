import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { formatYuanText } from '../../../components/money';
import { LEGAL_AID_CHANNEL_LABELS, type CaseDetail } from '../api';

type Fields = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const fen = (v: unknown): string | null => (typeof v === 'number' ? formatYuanText(v) : null);
const rec = (v: unknown): Fields => (v && typeof v === 'object' ? (v as Fields) : {});

/** The facts a case type records, in the order a reader wants them (法律援助, 行刑衔接, 移送前的数额核查). */
function factsOf(c: CaseDetail): [string, string | null][] {
  const d = c.data;
  if (c.type === 'legal_aid') {
    const channel = text(d.channel) as keyof typeof LEGAL_AID_CHANNEL_LABELS | null;
    return [
      ['申请渠道', channel ? LEGAL_AID_CHANNEL_LABELS[channel] : d.openedFrom ? '投诉举报转来' : null],
      ['原申请地（异地协作）', text(d.originCity)],
      ['原受理编号', text(d.originRef)],
      ['转交单位', text(d.transferFrom)],
      ['对方当事人', text(d.employerName)],
      ['申请事项', text(d.matter)],
      ['请求金额', fen(d.claimedFen)],
      ['受援条件', text(rec(d.grant).ground)],
      ['援助决定书', text(rec(d.grant).decisionNo)],
      ['承办律师或机构', text(rec(d.assign).providerName)],
      ['执业证号', text(rec(d.assign).practiceNo)],
      ['结案方式', text(rec(d.close).outcome)],
      ['挽回金额', fen(rec(d.close).recoveredFen)],
    ];
  }
  if (c.type === 'police_transfer')
    return [
      ['接收的公安机关', text(rec(d.transfer).policeOrgan)],
      ['移送书文号', text(rec(d.transfer).transferNo)],
      ['受理回执编号', text(rec(d.receipt).receiptNo)],
      ['受理日期', text(rec(d.receipt).receivedOn)],
      ['立案决定书', text(rec(d.filed).policeCaseNo)],
      ['立案日期', text(rec(d.filed).filedOn)],
      ['不予立案通知书', text(rec(d.not_filed).decisionNo)],
      ['不予立案理由', text(rec(d.not_filed).reason)],
      ['复议', text(rec(d.not_filed).reconsider)],
    ];
  const police = rec(d.police);
  if (c.type === 'inspection' && Object.keys(police).length)
    return [
      ['移送事实', text(police.reason)],
      ['未支付金额', fen(police.unpaidFen)],
      ['被拖欠人数', typeof police.workerCount === 'number' ? `${police.workerCount} 人` : null],
      ['数额较大标准', text(police.thresholdExplanation)],
      ['未达标准仍移送的理由', text(police.overrideReason)],
    ];
  return [];
}

/** The type's own facts of a case, or nothing when it records none. */
export function CaseFacts({ c }: { c: CaseDetail }): ReactNode {
  const rows = factsOf(c).filter((r): r is [string, string] => r[1] !== null);
  if (rows.length === 0) return null;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="case-facts">
      {rows.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

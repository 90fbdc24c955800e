/**
 * The transfer to the police (行刑衔接, 涉嫌拒不支付劳动报酬罪), declared as data for the case engine. It is opened
 * by an inspection case's 「移送公安机关」 (inspection.rules.ts), after the rights module's guard has checked the
 * amounts against the province's 数额较大 figures (法释〔2013〕3号 第三条; the wage module's parameters): below them the
 * transfer is refused unless the approver (rights:approve, 监察机构负责人) overrides with a reason.
 * 人社部发〔2014〕100号 and 《行政执法机关移送涉嫌犯罪案件的规定》 (国务院令第310号): the body transfers the case
 * with its materials (移送案件材料清单); the police give a written receipt (受理回执) and decide whether to file
 * (立案) — 第八条: within 3 days of receipt; the body records their decision (反馈).
 */
import type { CaseTypeDef, FieldDef } from '../../platform/cases/caseTypes.js';

export const POLICE_TRANSFER_TYPE = 'police_transfer';

/**
 * What the approver states on a 「移送公安机关」 step — of an inspection case or of a complaint's own — checked by the
 * one threshold guard (PoliceTransferService.thresholdHooks) against the province's 数额较大 figures.
 */
export const POLICE_THRESHOLD_FIELDS: readonly FieldDef[] = [
  { field: 'reason', label: '涉嫌拒不支付劳动报酬的事实', kind: 'text' },
  { field: 'unpaidFen', label: '经责令仍未支付的金额（分）', kind: 'fen' },
  { field: 'workerCount', label: '被拖欠劳动者人数', kind: 'count' },
  { field: 'unpaidMonths', label: '拖欠月数（最长）', kind: 'count' },
  { field: 'maxWorkerFen', label: '单人最高被拖欠金额（分）', kind: 'fen', optional: true },
  { field: 'overrideReason', label: '未达数额标准仍移送的理由', kind: 'text', optional: true },
];

export const POLICE_TRANSFER_CASE_TYPE: CaseTypeDef = {
  code: POLICE_TRANSFER_TYPE,
  name: '移送公安机关',
  readPermission: 'rights:read',
  states: [
    { code: 'preparing', name: '待移送', initial: true },
    { code: 'transferred', name: '已移送' },
    { code: 'received', name: '公安已受理' },
    { code: 'filed', name: '公安已立案', final: true },
    { code: 'not_filed', name: '公安不予立案', final: true },
    { code: 'withdrawn', name: '已撤回移送', final: true },
  ],
  clocks: [
    // 《行政执法机关移送涉嫌犯罪案件的规定》 第八条: the police decide on filing within 3 days of receipt.
    { code: 'feedback', name: '公安立案审查期限', unit: 'calendar', budget: 3, maxExtension: 0 },
  ],
  transitions: [
    {
      event: 'transfer',
      name: '移送',
      from: ['preparing'],
      to: 'transferred',
      permission: 'rights:approve',
      fields: [
        { field: 'policeOrgan', label: '接收的公安机关', kind: 'text' },
        { field: 'transferNo', label: '移送书文号', kind: 'text' },
      ],
      confirm: true,
    },
    {
      event: 'receipt',
      name: '登记公安受理回执',
      from: ['transferred'],
      to: 'received',
      permission: 'rights:handle',
      fields: [
        { field: 'receiptNo', label: '受理回执编号', kind: 'text' },
        { field: 'receivedOn', label: '受理日期', kind: 'date' },
      ],
      effects: [{ kind: 'startClock', clock: 'feedback' }],
    },
    {
      event: 'filed',
      name: '反馈：公安已立案',
      from: ['received'],
      to: 'filed',
      permission: 'rights:handle',
      fields: [
        { field: 'policeCaseNo', label: '立案决定书文号', kind: 'text' },
        { field: 'filedOn', label: '立案日期', kind: 'date' },
      ],
      effects: [{ kind: 'stopClock', clock: 'feedback' }],
      confirm: true,
    },
    {
      event: 'not_filed',
      name: '反馈：公安不予立案',
      from: ['received'],
      to: 'not_filed',
      permission: 'rights:handle',
      fields: [
        { field: 'decisionNo', label: '不予立案通知书文号', kind: 'text' },
        { field: 'reason', label: '不予立案理由', kind: 'text' },
        { field: 'reconsider', label: '是否提请复议', kind: 'choice', options: ['提请复议', '不提请复议'] },
      ],
      effects: [{ kind: 'stopClock', clock: 'feedback' }],
      confirm: true,
    },
    {
      event: 'withdraw',
      name: '撤回移送',
      from: ['preparing', 'transferred'],
      to: 'withdrawn',
      permission: 'rights:approve',
      fields: [{ field: 'reason', label: '撤回理由（如已足额支付）', kind: 'text' }],
      confirm: true,
    },
  ],
};

/**
 * The workers of the 数额较大 test (法释〔2013〕3号 第三条) from what the approver states on the transfer: the total
 * still unpaid after the order, the number of workers, the longest arrears in months and, when known, the largest
 * amount owed to one worker (else the total is taken as spread evenly). Each worker is counted with the longest
 * months — the officer states the figure the evidence supports.
 */
export function thresholdWorkers(f: {
  unpaidFen: number;
  workerCount: number;
  unpaidMonths: number;
  maxWorkerFen?: number | null;
}): { months: number; unpaidFen: number }[] {
  const n = Math.max(1, f.workerCount);
  const first = Math.min(f.unpaidFen, f.maxWorkerFen ?? Math.ceil(f.unpaidFen / n));
  const rest = f.unpaidFen - first;
  const each = n > 1 ? Math.floor(rest / (n - 1)) : 0;
  return Array.from({ length: n }, (_, i) => ({
    months: f.unpaidMonths,
    unpaidFen: i === 0 ? first : i === 1 ? rest - each * (n - 2) : each,
  }));
}

/**
 * The labour-inspection case type (劳动保障监察案件), declared as data for the case engine. 劳动保障监察条例 第十七条:
 * investigated within 60 working days of 立案, extendable by at most 30 working days with the approval of the head
 * of the inspection body; 第二十四条 and 关于实施《劳动保障监察条例》若干规定: inspection records (检查笔录) are made by
 * at least two inspectors; orders to pay (责令支付); a refusal to pay is transferred to the police (拒不支付劳动报酬罪).
 */
import type { CaseTypeDef } from '../../platform/cases/caseTypes.js';

export const INSPECTION_TYPE = 'inspection';

/** The inspection record signed by the inspectors (检查笔录), as an attachment of the case. */
export const INSPECTION_RECORD = { kind: 'inspection_record', label: '检查笔录' } as const;

const twoInspectors = { field: 'inspectors', label: '检查人员（至少 2 名）', kind: 'users', min: 2 } as const;

export const INSPECTION_CASE_TYPE: CaseTypeDef = {
  code: INSPECTION_TYPE,
  name: '劳动保障监察',
  readPermission: 'rights:read',
  states: [
    { code: 'registered', name: '已立案', initial: true },
    { code: 'investigating', name: '调查中' },
    { code: 'ordered', name: '已责令支付' },
    { code: 'closed', name: '已结案', final: true },
    { code: 'police', name: '已移送公安', final: true },
  ],
  clocks: [
    {
      code: 'investigate',
      name: '调查处理期限',
      unit: 'working',
      budget: 60,
      maxExtension: 30,
      startsOnCreate: true,
    },
  ],
  transitions: [
    {
      event: 'investigate',
      name: '开展调查',
      from: ['registered'],
      to: 'investigating',
      permission: 'rights:handle',
      fields: [twoInspectors],
      effects: [{ kind: 'assign', userField: 'inspectors' }],
    },
    {
      event: 'record',
      name: '制作检查笔录',
      from: ['investigating', 'ordered'],
      to: 'investigating',
      permission: 'rights:handle',
      fields: [twoInspectors, { field: 'findings', label: '检查情况', kind: 'text' }],
      // The signed record itself (scanned or OFD) is on the case before the step is taken.
      documents: [INSPECTION_RECORD],
    },
    {
      event: 'extend',
      name: '延长调查期限',
      from: ['investigating', 'ordered'],
      to: 'investigating',
      permission: 'rights:approve',
      fields: [
        { field: 'days', label: '延长工作日数', kind: 'days' },
        { field: 'reason', label: '延长理由', kind: 'text' },
      ],
      effects: [{ kind: 'extendClock', clock: 'investigate', daysField: 'days' }],
      confirm: true,
    },
    {
      event: 'suspend',
      name: '中止调查',
      from: ['investigating'],
      to: 'investigating',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '中止理由', kind: 'text' }],
      effects: [{ kind: 'suspendClock', clock: 'investigate' }],
    },
    {
      event: 'resume',
      name: '恢复调查',
      from: ['investigating'],
      to: 'investigating',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '恢复理由', kind: 'text' }],
      effects: [{ kind: 'resumeClock', clock: 'investigate' }],
    },
    {
      event: 'order',
      name: '责令支付',
      from: ['investigating'],
      to: 'ordered',
      permission: 'rights:handle',
      fields: [
        { field: 'orderNo', label: '责令改正（支付）指令书文号', kind: 'text' },
        { field: 'amountFen', label: '责令支付金额（分）', kind: 'fen' },
        { field: 'dueOn', label: '履行期限', kind: 'date', notPast: true },
      ],
    },
    {
      event: 'close',
      name: '结案',
      from: ['investigating', 'ordered'],
      to: 'closed',
      permission: 'rights:handle',
      fields: [
        { field: 'outcome', label: '处理结果', kind: 'text' },
        { field: 'recoveredFen', label: '追回金额（分）', kind: 'fen', optional: true },
      ],
      effects: [{ kind: 'stopClock', clock: 'investigate' }],
      confirm: true,
    },
    {
      // 行刑衔接: the rights module's guard (police.service.ts) checks the amounts against the province's 数额较大
      // figures first and refuses below them unless `overrideReason` is given; then a police_transfer case opens.
      event: 'police',
      name: '移送公安机关',
      from: ['ordered'],
      to: 'police',
      permission: 'rights:approve',
      fields: [
        { field: 'reason', label: '涉嫌拒不支付劳动报酬的事实', kind: 'text' },
        { field: 'unpaidFen', label: '经责令仍未支付的金额（分）', kind: 'fen' },
        { field: 'workerCount', label: '被拖欠劳动者人数', kind: 'count' },
        { field: 'unpaidMonths', label: '拖欠月数（最长）', kind: 'count' },
        { field: 'maxWorkerFen', label: '单人最高被拖欠金额（分）', kind: 'fen', optional: true },
        { field: 'overrideReason', label: '未达数额标准仍移送的理由', kind: 'text', optional: true },
      ],
      effects: [
        { kind: 'stopClock', clock: 'investigate' },
        { kind: 'openCase', type: 'police_transfer', link: 'transferred' },
      ],
      confirm: true,
    },
  ],
};

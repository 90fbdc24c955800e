/**
 * The labour-inspection case type (劳动保障监察案件), declared as data for the case engine. 劳动保障监察条例 第十七条:
 * investigated within 60 working days of 立案, extendable by at most 30 working days with the approval of the head
 * of the inspection body; 第二十四条 and 关于实施《劳动保障监察条例》若干规定: inspection records (检查笔录) are made by
 * at least two inspectors; orders to pay (责令支付); a refusal to pay is transferred to the police (拒不支付劳动报酬罪).
 */
import { PENALTY_BASES, PENALTY_KIND_LABELS, penaltyBasisLabel, VIOLATION_KIND_LABELS } from '@mwsp/domain';
import type { CaseTypeDef, TransitionDef } from '../../platform/cases/caseTypes.js';
import { POLICE_THRESHOLD_FIELDS } from './police.rules.js';

export const INSPECTION_TYPE = 'inspection';

/** The inspection record signed by the inspectors (检查笔录), as an attachment of the case. */
export const INSPECTION_RECORD = { kind: 'inspection_record', label: '检查笔录' } as const;

const twoInspectors = { field: 'inspectors', label: '检查人员（至少 2 名）', kind: 'users', min: 2 } as const;

/** The choices an inspector picks from, as labels (the console shows them; penalties.service maps them to codes). */
export const VIOLATION_OPTIONS = Object.values(VIOLATION_KIND_LABELS);
export const PENALTY_KIND_OPTIONS = Object.values(PENALTY_KIND_LABELS);
export const PENALTY_BASIS_OPTIONS = PENALTY_BASES.map(penaltyBasisLabel);
/** How the party used its rights between the notice and the decision (陈述、申辩、听证). */
export const STATEMENT_OPTIONS = ['未提出陈述、申辩', '已听取陈述、申辩', '已举行听证', '放弃听证'] as const;

/**
 * 行政处罚 (《行政处罚法》第四十四条、第六十三条): the prior notice (事先告知: facts, basis, penalty; with the right to a
 * hearing for a large fine or a revocation — computed by penalties.service.ts), then the decision (行政处罚决定书).
 * Both keep the case's state, so each is declared from each state it may be taken in.
 */
const penaltySteps: TransitionDef[] = (['investigating', 'ordered'] as const).flatMap((state) => [
  {
    event: 'penalty_notice',
    name: '行政处罚事先告知',
    from: [state],
    to: state,
    permission: 'rights:handle',
    fields: [
      { field: 'violation', label: '违法行为', kind: 'choice', options: VIOLATION_OPTIONS },
      { field: 'facts', label: '违法事实', kind: 'text' },
      { field: 'penaltyKind', label: '拟处罚种类', kind: 'choice', options: PENALTY_KIND_OPTIONS },
      { field: 'basis', label: '法律依据', kind: 'choice', options: PENALTY_BASIS_OPTIONS },
      { field: 'amountFen', label: '拟罚款金额（分）', kind: 'fen', optional: true },
      { field: 'noticeNo', label: '行政处罚告知书文号', kind: 'text' },
    ],
  },
  {
    event: 'penalize',
    name: '作出行政处罚决定',
    from: [state],
    to: state,
    permission: 'rights:approve',
    fields: [
      { field: 'decisionNo', label: '行政处罚决定书文号', kind: 'text' },
      { field: 'decidedOn', label: '决定日期', kind: 'date' },
      { field: 'statement', label: '陈述、申辩和听证情况', kind: 'choice', options: STATEMENT_OPTIONS },
      { field: 'amountFen', label: '罚款金额（分，不填则按告知金额）', kind: 'fen', optional: true },
    ],
    confirm: true,
  },
]);

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
        // A violation confirmed without a penalty decision (e.g. corrected at once): still feeds the wage module's
        // integrity grade (penalties.service.ts emits rights.violation_recorded).
        {
          field: 'violation',
          label: '认定的违法行为（未作处罚时）',
          kind: 'choice',
          options: VIOLATION_OPTIONS,
          optional: true,
        },
      ],
      effects: [{ kind: 'stopClock', clock: 'investigate' }],
      confirm: true,
    },
    ...penaltySteps,
    {
      // 行刑衔接: the rights module's guard (police.service.ts) checks the amounts against the province's 数额较大
      // figures first and refuses below them unless `overrideReason` is given; then a police_transfer case opens.
      event: 'police',
      name: '移送公安机关',
      from: ['ordered'],
      to: 'police',
      permission: 'rights:approve',
      fields: POLICE_THRESHOLD_FIELDS,
      effects: [
        { kind: 'stopClock', clock: 'investigate' },
        { kind: 'openCase', type: 'police_transfer', link: 'transferred' },
      ],
      confirm: true,
    },
  ],
};

/**
 * The complaint case type (投诉举报), declared as data for the case engine (platform/cases). Time limits
 * (劳动保障监察条例 第十四条、第十七条; 关于实施《劳动保障监察条例》若干规定): the decision to accept or not within
 * 5 working days of receipt; the investigation within 60 working days of acceptance, extendable by at most 30
 * working days with the approval of the head of the inspection body.
 */
import type { CaseTypeDef } from '../../platform/cases/caseTypes.js';
import { ARBITRATION_TYPE } from './arbitration.rules.js';
import { POLICE_THRESHOLD_FIELDS } from './police.rules.js';

export const COMPLAINT_TYPE = 'complaint';

export const COMPLAINT_CASE_TYPE: CaseTypeDef = {
  code: COMPLAINT_TYPE,
  name: '投诉举报',
  readPermission: 'rights:read',
  states: [
    { code: 'filed', name: '待受理', initial: true },
    { code: 'investigating', name: '调查处理中' },
    { code: 'ordered', name: '已责令改正' },
    { code: 'refused', name: '不予受理', final: true },
    { code: 'referred', name: '已转办', final: true },
    { code: 'closed', name: '已结案', final: true },
    { code: 'police', name: '已移送公安', final: true },
    { code: 'arbitration', name: '已申请仲裁', final: true },
  ],
  clocks: [
    { code: 'decide', name: '受理期限', unit: 'working', budget: 5, maxExtension: 0, startsOnCreate: true },
    { code: 'investigate', name: '调查处理期限', unit: 'working', budget: 60, maxExtension: 30 },
  ],
  transitions: [
    {
      event: 'accept',
      name: '受理',
      from: ['filed'],
      to: 'investigating',
      permission: 'rights:handle',
      fields: [{ field: 'inspectors', label: '承办监察员（至少 2 名）', kind: 'users', min: 2 }],
      effects: [
        { kind: 'stopClock', clock: 'decide' },
        { kind: 'startClock', clock: 'investigate' },
        { kind: 'assign', userField: 'inspectors' },
      ],
    },
    {
      event: 'refuse',
      name: '不予受理',
      from: ['filed'],
      to: 'refused',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '不予受理理由', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'decide' }],
      confirm: true,
    },
    {
      event: 'refer',
      name: '转办',
      from: ['filed'],
      to: 'referred',
      permission: 'rights:handle',
      fields: [
        { field: 'department', label: '转办单位', kind: 'text' },
        { field: 'reason', label: '转办理由', kind: 'text' },
      ],
      effects: [{ kind: 'stopClock', clock: 'decide' }],
      confirm: true,
    },
    {
      event: 'open_inspection',
      name: '立案查处',
      from: ['investigating'],
      to: 'investigating',
      permission: 'rights:handle',
      effects: [{ kind: 'openCase', type: 'inspection', link: 'derived' }],
      confirm: true,
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
      name: '责令改正（支付）',
      from: ['investigating'],
      to: 'ordered',
      permission: 'rights:handle',
      fields: [
        { field: 'orderNo', label: '指令书文号', kind: 'text' },
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
    // 转法律援助: the complainant needs a lawyer (e.g. to sue); the complaint stays where it is.
    ...(['filed', 'investigating', 'ordered'] as const).map((state) => ({
      event: 'legal_aid',
      name: '转法律援助',
      from: [state],
      to: state,
      permission: 'rights:handle',
      effects: [{ kind: 'openCase', type: 'legal_aid', link: 'legal_aid' } as const],
      confirm: true,
    })),
    {
      // The worker chooses arbitration (劳动保障监察条例 第二十一条: a dispute matter goes to arbitration).
      event: 'arbitrate',
      name: '申请仲裁',
      from: ['filed', 'investigating', 'ordered'],
      to: 'arbitration',
      permission: 'rights:handle',
      effects: [{ kind: 'openCase', type: ARBITRATION_TYPE, link: 'derived' }],
      confirm: true,
    },
    {
      // The same 数额较大 guard as an inspection's transfer (police.service.ts thresholdHooks): refused below the
      // province's figures unless the head gives a reason.
      event: 'police',
      name: '移送公安机关',
      from: ['ordered'],
      to: 'police',
      permission: 'rights:approve',
      fields: POLICE_THRESHOLD_FIELDS,
      effects: [{ kind: 'stopClock', clock: 'investigate' }],
      confirm: true,
    },
  ],
};

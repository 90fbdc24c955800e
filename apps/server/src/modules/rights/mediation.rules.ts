/**
 * The labour-dispute mediation case type (劳动争议调解), declared as data for the case engine. 劳动争议调解仲裁法
 * 第十四条: when no agreement (调解协议) is reached within 15 days of the organisation receiving the application, a
 * party may apply for arbitration (calendar days: the law counts 十五日 as natural days; 办案规则 第八十二条 does the
 * same for arbitration). A failed (or lapsed) mediation may open an arbitration case, linked to it.
 */
import type { CaseTypeDef } from '../../platform/cases/caseTypes.js';
import { ARBITRATION_TYPE } from './arbitration.rules.js';

export const MEDIATION_TYPE = 'mediation';

export const MEDIATION_CASE_TYPE: CaseTypeDef = {
  code: MEDIATION_TYPE,
  name: '劳动争议调解',
  readPermission: 'rights:read',
  states: [
    { code: 'applied', name: '申请', initial: true },
    { code: 'accepted', name: '已受理' },
    { code: 'mediating', name: '调解中' },
    { code: 'agreed', name: '达成协议', final: true },
    { code: 'failed', name: '调解不成' },
    { code: 'declined', name: '不予受理', final: true },
    { code: 'arbitration', name: '已申请仲裁', final: true },
    { code: 'closed', name: '已结案', final: true },
  ],
  clocks: [{ code: 'mediate', name: '调解期限', unit: 'calendar', budget: 15, maxExtension: 0, startsOnCreate: true }],
  transitions: [
    {
      event: 'accept',
      name: '受理',
      from: ['applied'],
      to: 'accepted',
      permission: 'rights:handle',
      fields: [{ field: 'mediator', label: '调解员', kind: 'text' }],
    },
    {
      event: 'decline',
      name: '不予受理',
      from: ['applied'],
      to: 'declined',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '不予受理理由', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'mediate' }],
      confirm: true,
    },
    {
      event: 'mediate',
      name: '开始调解',
      from: ['accepted'],
      to: 'mediating',
      permission: 'rights:handle',
      fields: [{ field: 'sessionOn', label: '调解日期', kind: 'date', notPast: true }],
    },
    {
      event: 'agree',
      name: '达成调解协议',
      from: ['mediating'],
      to: 'agreed',
      permission: 'rights:handle',
      fields: [
        { field: 'amountFen', label: '协议金额（分）', kind: 'fen' },
        { field: 'terms', label: '调解协议书内容', kind: 'text' },
        { field: 'signedOn', label: '协议签订日期', kind: 'date' },
      ],
      effects: [{ kind: 'stopClock', clock: 'mediate' }],
      confirm: true,
    },
    {
      event: 'fail',
      name: '调解不成',
      from: ['accepted', 'mediating'],
      to: 'failed',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '调解不成的原因', kind: 'text' }],
      effects: [{ kind: 'stopClock', clock: 'mediate' }],
      confirm: true,
    },
    {
      event: 'apply_arbitration',
      name: '申请仲裁',
      from: ['applied', 'accepted', 'mediating', 'failed'],
      to: 'arbitration',
      permission: 'rights:handle',
      effects: [
        { kind: 'stopClock', clock: 'mediate' },
        { kind: 'openCase', type: ARBITRATION_TYPE, link: 'derived' },
      ],
      confirm: true,
    },
    {
      event: 'close',
      name: '结案（未申请仲裁）',
      from: ['failed'],
      to: 'closed',
      permission: 'rights:handle',
      fields: [{ field: 'reason', label: '结案说明', kind: 'text' }],
    },
  ],
};

/**
 * The labour-dispute arbitration case type (劳动人事争议仲裁), declared as data for the case engine. Time limits:
 *  - 劳动争议调解仲裁法 第二十九条: the committee decides to accept (受理) within 5 days of receiving the application;
 *    劳动人事争议仲裁办案规则 (2017) 第八十二条 counts its 三日、五日、十日 as working days — hence 5 working days.
 *  - 第四十三条: the award within 45 days of acceptance (calendar days: 办案规则 第八十二条 counts 十五日、四十五日 as
 *    natural days), extendable for a complex case with the approval of the committee's chair (主任批准) by at
 *    most 15 days.
 *  - 绿色通道 (Kunming measures (十一) "畅通农民工劳动争议仲裁'绿色通道'"): migrant workers' wage claims are
 *    fast-tracked. The measures set no number; GREEN_CHANNEL_ACCEPT_DAYS (3 working days) is LOCAL CONFIGURATION
 *    of this deployment, declared here in the type.
 *  - 第四十七条 (small claims, 终局裁决): computed by the arbitration service (arbitration.service.ts), not here.
 *  - 第三十五条: the parties are notified in writing of the hearing's date and place 5 days before it (开庭五日前书面
 *    通知): HEARING_NOTICE_DAYS, checked by the arbitration service's guard on 「开庭」.
 *  - 中止审理 (劳动人事争议仲裁办案规则): the time of a suspension does not count towards the award clock — the
 *    engine's suspension ledger (suspendClock/resumeClock) with the reason.
 *  - 转法律援助: a worker needing a lawyer during arbitration; one linked legal_aid case per arbitration (the guard
 *    refuses a second with 409).
 */
import type { CaseTypeDef } from '../../platform/cases/caseTypes.js';

export const ARBITRATION_TYPE = 'arbitration';
/** The green-channel flag (绿色通道) of an arbitration case. */
export const GREEN_CHANNEL = 'green_channel';
/** Local configuration: a green-channel application is accepted or refused within this many working days. */
export const GREEN_CHANNEL_ACCEPT_DAYS = 3;
/** 劳动争议调解仲裁法 第三十五条: the hearing is notified in writing at least this many days before it. */
export const HEARING_NOTICE_DAYS = 5;

const reason = (label: string) => ({ field: 'reason', label, kind: 'text' }) as const;
const extension = [
  { field: 'days', label: '延长天数（最多 15 日）', kind: 'days' },
  reason('延期理由（案情复杂）'),
] as const;

export const ARBITRATION_CASE_TYPE: CaseTypeDef = {
  code: ARBITRATION_TYPE,
  name: '劳动人事争议仲裁',
  readPermission: 'rights:read',
  flags: [{ code: GREEN_CHANNEL, label: '绿色通道', priority: true }],
  states: [
    { code: 'applied', name: '待受理', initial: true },
    { code: 'accepted', name: '已受理' },
    { code: 'hearing', name: '已排期开庭' },
    { code: 'awarded', name: '已裁决', final: true },
    { code: 'mediated', name: '仲裁调解结案', final: true },
    { code: 'refused', name: '不予受理', final: true },
    { code: 'withdrawn', name: '已撤回', final: true },
  ],
  clocks: [
    {
      code: 'accept',
      name: '受理期限',
      unit: 'working',
      budget: 5,
      maxExtension: 0,
      startsOnCreate: true,
      flagBudgets: { [GREEN_CHANNEL]: GREEN_CHANNEL_ACCEPT_DAYS },
    },
    { code: 'award', name: '裁决期限', unit: 'calendar', budget: 45, maxExtension: 15 },
  ],
  transitions: [
    {
      event: 'accept',
      name: '受理',
      from: ['applied'],
      to: 'accepted',
      permission: 'rights:handle',
      fields: [{ field: 'arbitrators', label: '仲裁员', kind: 'users', min: 1 }],
      effects: [
        { kind: 'stopClock', clock: 'accept' },
        { kind: 'startClock', clock: 'award' },
        { kind: 'assign', userField: 'arbitrators' },
      ],
    },
    {
      event: 'refuse',
      name: '不予受理',
      from: ['applied'],
      to: 'refused',
      permission: 'rights:handle',
      fields: [reason('不予受理理由')],
      effects: [{ kind: 'stopClock', clock: 'accept' }],
      confirm: true,
    },
    {
      event: 'hearing',
      name: '开庭',
      from: ['accepted', 'hearing'],
      to: 'hearing',
      permission: 'rights:handle',
      fields: [
        { field: 'hearingOn', label: '开庭日期', kind: 'date', notPast: true },
        { field: 'place', label: '开庭地点', kind: 'text' },
        { field: 'notice', label: '开庭通知（送达方式与对象）', kind: 'text' },
        { field: 'noticeOn', label: '书面通知送达日期（不填为今天）', kind: 'date', optional: true },
      ],
    },
    // 中止审理 / 恢复审理 and 转法律援助: each keeps the state, so declared from each state it may be taken in.
    ...(['accepted', 'hearing'] as const).flatMap((state) => [
      {
        event: 'suspend',
        name: '中止审理',
        from: [state],
        to: state,
        permission: 'rights:handle',
        fields: [reason('中止理由')],
        effects: [{ kind: 'suspendClock', clock: 'award' } as const],
        confirm: true,
      },
      {
        event: 'resume',
        name: '恢复审理',
        from: [state],
        to: state,
        permission: 'rights:handle',
        fields: [reason('恢复理由')],
        effects: [{ kind: 'resumeClock', clock: 'award' } as const],
      },
    ]),
    ...(['applied', 'accepted', 'hearing'] as const).map((state) => ({
      event: 'legal_aid',
      name: '转法律援助',
      from: [state],
      to: state,
      permission: 'rights:handle',
      effects: [{ kind: 'openCase', type: 'legal_aid', link: 'legal_aid' } as const],
      confirm: true,
    })),
    // 第四十三条: one event, declared from each state it keeps (a transition has one target state).
    {
      event: 'extend',
      name: '延长审理期限',
      from: ['accepted'],
      to: 'accepted',
      permission: 'rights:approve',
      fields: extension,
      effects: [{ kind: 'extendClock', clock: 'award', daysField: 'days' }],
      confirm: true,
    },
    {
      event: 'extend',
      name: '延长审理期限',
      from: ['hearing'],
      to: 'hearing',
      permission: 'rights:approve',
      fields: extension,
      effects: [{ kind: 'extendClock', clock: 'award', daysField: 'days' }],
      confirm: true,
    },
    {
      event: 'award',
      name: '裁决',
      from: ['hearing'],
      to: 'awarded',
      permission: 'rights:handle',
      fields: [
        { field: 'awardNo', label: '裁决书文号', kind: 'text' },
        { field: 'amountFen', label: '裁决金额（分）', kind: 'fen' },
        { field: 'terms', label: '裁决主文', kind: 'text' },
      ],
      effects: [{ kind: 'stopClock', clock: 'award' }],
      confirm: true,
    },
    {
      event: 'mediate',
      name: '仲裁调解结案',
      from: ['accepted', 'hearing'],
      to: 'mediated',
      permission: 'rights:handle',
      fields: [
        { field: 'amountFen', label: '调解金额（分）', kind: 'fen' },
        { field: 'terms', label: '调解书内容', kind: 'text' },
        { field: 'signedOn', label: '调解书送达日期', kind: 'date' },
      ],
      effects: [{ kind: 'stopClock', clock: 'award' }],
      confirm: true,
    },
    {
      event: 'withdraw',
      name: '撤回申请',
      from: ['applied', 'accepted', 'hearing'],
      to: 'withdrawn',
      permission: 'rights:handle',
      fields: [reason('撤回理由')],
      confirm: true,
    },
  ],
};
